using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Clearinghouse.Web.Hosting;

public enum RequestFaultKind
{
    /// <summary>The client sent something that cannot be read: bad JSON, a wrong content type, a form over the limits.</summary>
    UnreadableRequest,

    /// <summary>The database was busy (locked, a deadlock, a timeout): sending the request again soon will do.</summary>
    DatabaseBusy,

    /// <summary>The database cannot be reached.</summary>
    DatabaseUnavailable,

    /// <summary>The database's migrations are not applied.</summary>
    DatabaseNotMigrated,
}

/// <summary>
/// An exception that is an expected outcome, not a fault of ours: how it is answered (status, Retry-After, the API's
/// stable code) and logged (one line, never a stack trace). Everything else is a 500, logged as an error.
/// </summary>
/// <param name="Code">The API's problem code; null to let <see cref="ApiProblems.AddStableCode"/> pick it by status.</param>
public sealed record RequestFault(
    RequestFaultKind Kind, int StatusCode, string? Code, string? Title, string? Detail, int? RetryAfterSeconds, LogLevel LogLevel)
{
    public static RequestFault? Of(Exception exception) => exception switch
    {
        BadHttpRequestException bad => Unreadable(bad.StatusCode),
        // A form MVC could not read (too many fields, a value too long) or an antiforgery token that could not be read.
        ValueProviderException or AntiforgeryValidationException => Unreadable(StatusCodes.Status400BadRequest),
        DatabaseNotMigratedException => NotMigrated,
        _ => DatabaseErrors.Classify(exception) switch
        {
            DatabaseFault.Busy => Busy,
            DatabaseFault.Unavailable => Unavailable,
            _ => null,
        },
    };

    /// <summary>For <see cref="ExceptionHandlerOptions.StatusCodeSelector"/>: the fault's status, or 500.</summary>
    public static int StatusCodeOf(Exception exception) => Of(exception)?.StatusCode ?? StatusCodes.Status500InternalServerError;

    private static RequestFault Unreadable(int status) =>
        new(RequestFaultKind.UnreadableRequest, status, null, null, null, null, LogLevel.Information);

    private static readonly RequestFault Busy = new(
        RequestFaultKind.DatabaseBusy,
        StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.DatabaseBusy,
        "The clearinghouse is busy.",
        "The database was busy, so the request was not carried out and nothing was changed. Send it again after the " +
        "Retry-After interval.",
        5,
        LogLevel.Warning);

    private static readonly RequestFault Unavailable = new(
        RequestFaultKind.DatabaseUnavailable,
        StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.DatabaseUnavailable,
        "The clearinghouse cannot reach its database.",
        "The request was not carried out and nothing was changed. Send it again after the Retry-After interval; if it " +
        "keeps failing, the clearinghouse's operator needs to look at its database.",
        30,
        LogLevel.Warning);

    private static readonly RequestFault NotMigrated = new(
        RequestFaultKind.DatabaseNotMigrated,
        StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.DatabaseNotMigrated,
        "The clearinghouse's database is not set up.",
        "The database's migrations are not applied, so no request can be carried out. The clearinghouse's operator " +
        $"applies them: runs the portal once with {ClearinghouseStartup.MigrateSwitch}, or starts it with " +
        $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}=true, or runs the idempotent migration script " +
        "(see the README).",
        30,
        // Said once at start as a warning; every request it holds back would only repeat it.
        LogLevel.Debug);
}
