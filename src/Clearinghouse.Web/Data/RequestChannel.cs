namespace Clearinghouse.Web.Data;

/// <summary>How a request reached the clearinghouse: the three RDS connection methods.</summary>
public enum RequestChannel
{
    Web,
    Telephone,
    Automatic,
}
