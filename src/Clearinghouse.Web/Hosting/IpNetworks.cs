using System.Net;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// Addresses and networks as settings write them: a list (<c>Section:Key:0</c>, <c>Section:Key:1</c>, …) whose items may
/// each hold several, separated by commas or spaces (<c>Section__Key=10.0.0.0/8,192.168.0.0/16</c> in one environment
/// variable), an address alone meaning just that address.
/// </summary>
public static class IpNetworks
{
    private static readonly char[] Separators = [',', ' ', ';'];

    /// <summary>
    /// A list setting's entries: its items (<c>Key:0</c>, <c>Key:1</c>…) and a value given to the key itself
    /// (<c>Key=10.0.0.0/8,192.168.0.0/16</c>), which the configuration binder leaves out of a list.
    /// </summary>
    public static List<string> ListSetting(IConfigurationSection section, string key)
    {
        ArgumentNullException.ThrowIfNull(section);
        var setting = section.GetSection(key);
        var values = setting.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (setting.Value is { } single)
        {
            values.Add(single);
        }

        return values;
    }

    /// <summary>The items of <paramref name="values"/> split into single entries.</summary>
    public static IEnumerable<string> Entries(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Networks (CIDR, or an address taken as a network of one); the entries that are neither are returned in <paramref name="invalid"/>.</summary>
    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string>? values, out IReadOnlyList<string> invalid)
    {
        var networks = new List<IPNetwork>();
        var wrong = new List<string>();
        foreach (var entry in Entries(values))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                address = Normalize(address);
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                wrong.Add(entry);
            }
        }

        invalid = wrong;
        return networks;
    }

    /// <summary>Whether <paramref name="address"/> (an IPv4 address mapped to IPv6 taken as IPv4) is in one of <paramref name="networks"/>.</summary>
    public static bool Contains(IEnumerable<IPNetwork> networks, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var normal = Normalize(address);
        return networks.Any(n => n.Contains(normal));
    }

    /// <summary>An IPv4 address mapped to IPv6 (::ffff:10.0.0.1, as a dual-stack socket reports it) as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
