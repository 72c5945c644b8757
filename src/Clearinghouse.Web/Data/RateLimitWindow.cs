namespace Clearinghouse.Web.Data;

/// <summary>
/// How many requests one rate-limit partition (a client address, a license server) has made in one fixed window of
/// time, counted in the database so that every instance of the portal counts the same requests
/// (<see cref="Hosting.SharedRateLimit"/>). Rows are deleted once the window after theirs has ended.
/// </summary>
public sealed class RateLimitWindow
{
    /// <summary>What is limited and for whom: "api-client:203.0.113.7", "api-server:KMH6Y…", "new-requests:…".</summary>
    public required string PartitionKey { get; init; }

    /// <summary>Which window: the time since the Unix epoch divided by the window's length.</summary>
    public long WindowNumber { get; init; }

    public int RequestCount { get; set; }

    /// <summary>When the window after this one ends (it weighs this one's count); the row is of no use afterwards.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
