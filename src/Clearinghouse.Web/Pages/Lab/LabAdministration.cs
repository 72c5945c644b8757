namespace Clearinghouse.Web.Pages.Lab;

public static class LabAdministration
{
    /// <summary>
    /// Lab administration (/lab/…) is there in every instance and needs a lab administrator's sign-in (see
    /// Accounts/PageAuthorization.cs). The <c>LabAdministration:Enabled</c> switch that hid it before sign-in existed is
    /// retired: docs/decisions/0008-lab-administration-behind-sign-in.md.
    /// </summary>
    public static IServiceCollection AddLabAdministration(this IServiceCollection services) => services;
}
