using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Lab;

/// <summary>Lab administration's names for channels, statuses and modes, in the reader's language.</summary>
public static class LabNames
{
    public static string Of(RequestChannel channel) => Texts.Get(channel switch
    {
        RequestChannel.Web => "Lab.Issued.Channel.Web",
        RequestChannel.Telephone => "Lab.Issued.Channel.Telephone",
        _ => "Lab.Issued.Channel.Automatic",
    });

    public static string Of(KeyPackStatus status) => Texts.Get(status switch
    {
        KeyPackStatus.Issued => "Lab.Issued.Status.Issued",
        KeyPackStatus.Installed => "Lab.Issued.Status.Installed",
        _ => "Lab.Issued.Status.Migrated",
    });

    public static string Of(LicensingMode mode) =>
        Texts.Get(mode == LicensingMode.Strict ? "Lab.Settings.Mode.Strict" : "Lab.Settings.Mode.Lenient");

    /// <summary>What the settings page says after a save, by the form saved.</summary>
    public static string Done(string form) => Texts.Get(form switch
    {
        "mode" => "Lab.Settings.Done.Mode",
        "seed" => "Lab.Settings.Done.Seed",
        _ => "Lab.Settings.Done.Faults",
    });
}
