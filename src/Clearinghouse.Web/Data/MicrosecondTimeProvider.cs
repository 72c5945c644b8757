namespace Clearinghouse.Web.Data;

/// <summary>
/// The portal's clock: UTC, in whole microseconds. PostgreSQL keeps times to the microsecond, so a time with finer
/// ticks would be answered one way when it is made (an issued key pack, the first answer to an installation) and
/// another when it is read back (every later answer). Truncating at the source keeps every provider exact.
/// </summary>
public sealed class MicrosecondTimeProvider(TimeProvider inner) : TimeProvider
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();
}
