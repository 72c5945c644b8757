using System.Diagnostics;
using System.Globalization;

namespace Clearinghouse.Bench;

/// <summary>
/// How many operations completed in how long, with the latency of each (milliseconds), and the processor time this
/// driver spent meanwhile: on one machine, the driver's share is processor the portal could not have.
/// </summary>
internal sealed record Measurement(long Count, TimeSpan Elapsed, long Errors, IReadOnlyList<double> Latencies, TimeSpan? Processor = null)
{
    public double Rate => Count / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"rate={Rate:F1} count={Count} errors={Errors} seconds={Elapsed.TotalSeconds:F1} p50ms={Percentile(0.50):F2} p99ms={Percentile(0.99):F2}{ProcessorText}");

    private string ProcessorText => Processor is { } processor
        ? string.Create(CultureInfo.InvariantCulture, $" processor_ms={processor.TotalMilliseconds:F0}")
        : "";

    private double Percentile(double p)
    {
        if (Latencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>Runs <paramref name="operation"/> on <paramref name="workers"/> loops until the time is up.</summary>
    public static async Task<Measurement> RunAsync(TimeSpan duration, int workers, Func<int, Task<bool>> operation)
    {
        using var process = Process.GetCurrentProcess();
        var processor = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var latencies = new List<double>();
            long errors = 0;
            while (stopwatch.Elapsed < duration)
            {
                var started = stopwatch.Elapsed;
                if (await operation(worker))
                {
                    latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                }
                else if (++errors > 100)
                {
                    break;
                }
            }

            return (latencies, errors);
        })));
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        var all = results.SelectMany(r => r.latencies).ToList();
        return new Measurement(all.Count, elapsed, results.Sum(r => r.errors), all, process.TotalProcessorTime - processor);
    }
}
