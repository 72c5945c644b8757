using Clearinghouse.LicenseServer;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await Simulator.RunAsync(args, SimulatorHost.Console, cancellation.Token);
