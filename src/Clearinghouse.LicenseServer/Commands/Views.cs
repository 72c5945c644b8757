using System.Globalization;
using Clearinghouse.LicenseServer.State;
using Spectre.Console;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>A key pack as the simulator prints it (--json and tables alike): IDs in groups, CALs it can hand out.</summary>
internal sealed record KeyPackView(
    string KeyPackId,
    string LicenseProgram,
    string ProductVersion,
    string CalType,
    int Quantity,
    int Available,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset? InstalledAt,
    DateTimeOffset? MigratedAt,
    int? RemovedQuantity)
{
    public static KeyPackView Of(HeldKeyPack k) => new(
        IdShape.KeyPackId.Format(k.KeyPackId), k.LicenseProgram, k.ProductVersion, k.CalType, k.Quantity, k.Available, k.Status,
        k.IssuedAt, k.InstalledAt, k.MigratedAt, k.RemovedQuantity == 0 ? null : k.RemovedQuantity);
}

internal static class Views
{
    public static string Id(string? canonical) => canonical is null ? "(none)" : IdShape.LicenseServerId.Format(canonical);

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static Table KeyPack(HeldKeyPack keyPack) => Output.Properties(
        ("License key pack ID", IdShape.KeyPackId.Format(keyPack.KeyPackId)),
        ("License program", keyPack.LicenseProgram),
        ("Product version", keyPack.ProductVersion),
        ("CAL type", keyPack.CalType),
        ("Quantity", Number(keyPack.Quantity)),
        ("Status", keyPack.Status),
        ("Issued", Time(keyPack.IssuedAt)),
        ("Installed", Time(keyPack.InstalledAt)),
        ("Migrated", Time(keyPack.MigratedAt)));

    public static Table KeyPacks(IEnumerable<HeldKeyPack> keyPacks)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("License key pack ID").NoWrap()).AddColumn("Program").AddColumn("Product version").AddColumn("CAL type")
            .AddColumn(new TableColumn("Quantity").RightAligned()).AddColumn(new TableColumn("Available").RightAligned())
            .AddColumn("Status");
        foreach (var k in keyPacks)
        {
            table.AddRow(
                IdShape.KeyPackId.Format(k.KeyPackId), Markup.Escape(k.LicenseProgram), Markup.Escape(k.ProductVersion),
                Markup.Escape(k.CalType), Number(k.Quantity), Number(k.Available), Markup.Escape(k.Status));
        }

        return table;
    }

    public static Table Totals(IEnumerable<CalTotal> totals)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Product version").AddColumn("CAL type").AddColumn(new TableColumn("CALs").RightAligned());
        foreach (var t in totals)
        {
            table.AddRow(Markup.Escape(t.ProductVersion), Markup.Escape(t.CalType), Number(t.Quantity));
        }

        return table;
    }

    /// <summary>Plain text, never read as Spectre markup (IDs and codes may hold brackets in a hostile answer).</summary>
    public static void Line(this IAnsiConsole console, string text) => console.WriteLine(text);
}
