namespace Clearinghouse.Web.Accounts;

/// <summary>The console's roles, named once: pages, policies, seeding and tests read these.</summary>
public static class Roles
{
    /// <summary>Takes calls and looks up earlier requests.</summary>
    public const string Representative = "Representative";

    /// <summary>Manages representatives, reads the audit trail and runs lab administration.</summary>
    public const string LabAdministrator = "LabAdministrator";

    public static IReadOnlyList<string> All { get; } = [Representative, LabAdministrator];

    /// <summary>The role as written in configuration (any case), or null when it is not one of these.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(role => string.Equals(role, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The authorization policies the console's and lab's folders require.</summary>
public static class Policies
{
    /// <summary>Any console account: a representative or a lab administrator.</summary>
    public const string Console = "Console";

    public const string LabAdministrator = "LabAdministrator";
}
