namespace Clearinghouse.LicenseServer;

// A named class, not top-level statements: the tests reference this and the portal, whose Program is global.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        return await Simulator.RunAsync(args, SimulatorHost.Console, cancellation.Token);
    }
}
