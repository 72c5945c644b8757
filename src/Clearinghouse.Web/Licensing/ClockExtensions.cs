namespace Clearinghouse.Web.Licensing;

public static class ClockExtensions
{
    /// <summary>
    /// The current UTC time to the millisecond: what every provider stores exactly, so a time read back from the
    /// database equals the one first returned (an idempotent install answers with identical bodies).
    /// </summary>
    public static DateTimeOffset UtcNowToMillisecond(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
