namespace Clearinghouse.Web.Data;

/// <summary>
/// The first answer to an API request sent with an <c>Idempotency-Key</c>: a retry with the same key and body gets it
/// again instead of a second key pack or server. Kept in the database, so every instance of the portal answers alike.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; init; }

    /// <summary>What the key is scoped to: the method and the path (which names the license server).</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the request body: the same key with another body is refused.</summary>
    public required byte[] FingerprintHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>False while the first request runs; a retry arriving meanwhile waits for it.</summary>
    public bool Completed { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>The Location header of the first answer (a 201), replayed with it.</summary>
    public string? Location { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The first answer's body (JSON, at most what the API writes for one request).</summary>
    public string? Body { get; set; }
}
