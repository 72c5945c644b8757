namespace Clearinghouse.Web.Data;

/// <summary>Which flow a request belongs to: the options of the licensing site's "Select Option" page.</summary>
public enum RequestKind
{
    /// <summary>Manage CALs: migrate CALs to a new license server (a key pack for the target server).</summary>
    ManageCals,

    /// <summary>Install client access licenses: a first installation of purchased CALs (a key pack).</summary>
    InstallCals,

    /// <summary>Activate a license server: Product ID and company information → a new License Server ID.</summary>
    ActivateServer,

    /// <summary>Reactivate a license server: its License Server ID and a reason → a new License Server ID.</summary>
    ReactivateServer,
}

/// <summary>Why a key pack was issued: a first installation of purchased CALs, or CALs moved from another server.</summary>
public enum KeyPackPurpose
{
    Install,
    Migration,
}
