using System.Globalization;
using Clearinghouse.Bench;

// The parts of bench/run.sh that wrk cannot do. Each prints one line of key=value pairs for the script to read.
//   commits sqlite <folder> <seconds>            single-row durable commits per second on that disk
//   commits postgres <connection string> <seconds>
//   flows <base address> <seconds> <clients> <license server id>
//                                                whole Manage CALs flows per second, each as a browser walks it
//   load sqlite|postgres <connection string> <key pack id> <count>
//                                                copies of that key pack (with its request, installation, audit) in SQL
//   size sqlite|postgres <connection string>     the database's size in bytes
try
{
    return args switch
    {
        ["commits", "sqlite", var folder, var seconds] => PrintMeasurement(await RawCommits.SqliteAsync(folder, Seconds(seconds))),
        ["commits", "postgres", var connection, var seconds] => PrintMeasurement(await RawCommits.PostgresAsync(connection, Seconds(seconds))),
        ["flows", var address, var seconds, var clients, var serverId] =>
            PrintMeasurement(await ManageCalsFlows.RunAsync(new Uri(address), Seconds(seconds), int.Parse(clients, CultureInfo.InvariantCulture), serverId)),
        ["load", var provider, var connection, var keyPackId, var count] =>
            PrintMeasurement(await BulkLoad.RunAsync(provider, connection, keyPackId, long.Parse(count, CultureInfo.InvariantCulture))),
        ["size", var provider, var connection] => Print(await BulkLoad.SizeAsync(provider, connection)),
        _ => Usage(),
    };
}
catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or FormatException)
{
    Console.Error.WriteLine($"bench: {exception.Message}");
    return 1;
}

static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));

static int PrintMeasurement(Measurement measurement)
{
    Console.WriteLine(measurement);
    return measurement.Errors == 0 ? 0 : 1;
}

static int Print<T>(T value)
{
    Console.WriteLine(Convert.ToString(value, CultureInfo.InvariantCulture));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Clearinghouse.Bench commits sqlite <folder> <seconds> | commits postgres <connection> <seconds> | " +
                            "flows <base address> <seconds> <clients> <license server id>");
    return 2;
}
