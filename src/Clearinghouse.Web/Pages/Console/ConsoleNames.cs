using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.Console;

/// <summary>
/// How the console names a request's status, channel, kind and history events in the reader's language. Each key is
/// written out whole, so the text tests find it in the source.
/// </summary>
public static class ConsoleNames
{
    public static string Status(RequestStatus status) => Texts.Get(status switch
    {
        RequestStatus.Draft => "Console.Status.Draft",
        RequestStatus.Issued => "Console.Status.Issued",
        RequestStatus.Installed => "Console.Status.Installed",
        RequestStatus.MigratedAway => "Console.Status.MigratedAway",
        RequestStatus.Deactivated => "Console.Status.Deactivated",
        RequestStatus.Reactivated => "Console.Status.Reactivated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    });

    public static string Channel(RequestChannel channel) => Texts.Get(channel switch
    {
        RequestChannel.Web => "Console.Channel.Web",
        RequestChannel.Telephone => "Console.Channel.Telephone",
        RequestChannel.Automatic => "Console.Channel.Automatic",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    });

    /// <summary>The request's kind as the site names its flow ("Manage CALs").</summary>
    public static string Kind(RequestKind kind) => FlowRegistry.Of(kind).Title;

    /// <summary>One event of a request's history, as a sentence: IDs shown in groups.</summary>
    public static string Event(RequestEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var server = e.LicenseServerId is { } s ? IdFormat.LicenseServerId.Format(s) : string.Empty;
        var keyPack = e.KeyPackId is { } k ? IdFormat.KeyPackId.Format(k) : string.Empty;
        return e.Kind switch
        {
            RequestEventKind.Created => Texts.Get("Console.Event.Created"),
            RequestEventKind.ServerActivated => Texts.Get("Console.Event.ServerActivated", server),
            RequestEventKind.KeyPackIssued => Texts.Get("Console.Event.KeyPackIssued", keyPack, server),
            RequestEventKind.CalsMigratedHere => Texts.Get("Console.Event.CalsMigratedHere", keyPack, server),
            RequestEventKind.KeyPackInstalled => Texts.Get("Console.Event.KeyPackInstalled", server),
            RequestEventKind.KeyPackMigratedAway => Texts.Get("Console.Event.KeyPackMigratedAway", keyPack, server),
            RequestEventKind.ServerReactivated => Texts.Get("Console.Event.ServerReactivated", server,
                e.NewLicenseServerId is { } n ? IdFormat.LicenseServerId.Format(n) : string.Empty),
            RequestEventKind.ServerDeactivated => Texts.Get("Console.Event.ServerDeactivated", server),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, null),
        };
    }

    /// <summary>A contact's name as a list shows it: "Okafor, Ada", or whichever part was given.</summary>
    public static string? Contact(string? lastName, string? firstName) =>
        (lastName, firstName) switch
        {
            ({ Length: > 0 } last, { Length: > 0 } first) => Texts.Get("Console.ContactName", last, first),
            ({ Length: > 0 } last, _) => last,
            (_, { Length: > 0 } first) => first,
            _ => null,
        };
}
