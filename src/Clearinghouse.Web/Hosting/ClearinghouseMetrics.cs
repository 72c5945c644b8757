using System.Diagnostics.Metrics;
using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Hosting;

/// <summary>Where a refusal was answered: the license-server API, or a page of the site or the console.</summary>
public enum RefusalFront
{
    Api,
    Site,
}

/// <summary>
/// The portal's own meter, "Clearinghouse": what it issued, installed and refused. Each is counted where the outcome is
/// decided, once — an issuance or installation when its transaction commits (not a repeated submission answered with
/// what was issued before), a refusal where it is answered (an API problem, a rule's refusal shown on a page) — so a
/// dashboard's totals match the database. In Prometheus: <c>clearinghouse_key_packs_issued_total</c>,
/// <c>clearinghouse_key_packs_installed_total</c>, <c>clearinghouse_refusals_total</c>; on SQLite also
/// <c>clearinghouse_sqlite_write_turn_duration_seconds</c>.
/// </summary>
public sealed class ClearinghouseMetrics
{
    public const string MeterName = "Clearinghouse";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _installed;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _writeTurns;

    public ClearinghouseMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName, ClearinghouseStartup.Version);
        _issued = meter.CreateCounter<long>("clearinghouse.key_packs.issued", "{key_pack}",
            "License key packs issued, by the connection method they were requested through (channel: web, telephone, " +
            "automatic) and what for (purpose: install, migration).");
        _installed = meter.CreateCounter<long>("clearinghouse.key_packs.installed", "{key_pack}",
            "License key packs installed on a license server, by the connection method they were issued through " +
            "(channel: web and telephone IDs submitted by the server, automatic ones installed as they are issued).");
        _refusals = meter.CreateCounter<long>("clearinghouse.refusals", "{refusal}",
            "Requests refused, by stable code (the API's problem code, the rules' refusal codes on pages) and front (api, site).");
        _writeTurns = meter.CreateHistogram("clearinghouse.sqlite.write_turn.duration", "s",
            "How long each of this portal's writers held SQLite's one write turn (SqliteWriteGate): a transaction from BEGIN " +
            "to its end, a writing statement while it ran. The sum over a period, divided by the period, is how busy the one " +
            "writer SQLite allows was; near 1, writes queue and only a shorter turn raises the rate.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
            });
    }

    public void KeyPackIssued(KeyPack keyPack)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        _issued.Add(1, new KeyValuePair<string, object?>("channel", ChannelName(keyPack.Channel)),
            new KeyValuePair<string, object?>("purpose", keyPack.Purpose == KeyPackPurpose.Install ? "install" : "migration"));
    }

    public void KeyPackInstalled(KeyPack keyPack)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        _installed.Add(1, new KeyValuePair<string, object?>("channel", ChannelName(keyPack.Channel)));
    }

    public void SqliteWriteTurnHeld(TimeSpan duration) => _writeTurns.Record(duration.TotalSeconds);

    public void Refused(string code, RefusalFront front) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("code", code),
            new KeyValuePair<string, object?>("front", front == RefusalFront.Api ? "api" : "site"));

    private static string ChannelName(RequestChannel channel) => channel switch
    {
        RequestChannel.Web => "web",
        RequestChannel.Telephone => "telephone",
        RequestChannel.Automatic => "automatic",
        _ => "unknown",
    };
}
