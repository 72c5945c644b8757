using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Clearinghouse.Web.Resources;

/// <summary>
/// The views' T[...]: the same texts, filled in the same way, as <see cref="Texts.Get"/> — so that a page and a message
/// put the same text together alike (arguments in the request's culture, spaces where Japanese meets half-width letters
/// and digits). A key with no text shows as the key itself, as ASP.NET Core's own localizer does; the tests find it.
/// </summary>
public sealed class TextsLocalizer : IStringLocalizer<Texts>
{
    public LocalizedString this[string name] =>
        Texts.Find(name) is { } text ? new(name, text) : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        Texts.Find(name) is { } text ? new(name, Texts.Format(text, arguments)) : new(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var found = new Dictionary<string, LocalizedString>(StringComparer.Ordinal);
        for (var culture = CultureInfo.CurrentUICulture; ; culture = culture.Parent)
        {
            var set = Texts.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
            foreach (var entry in set?.Cast<DictionaryEntry>() ?? [])
            {
                found.TryAdd((string)entry.Key, new((string)entry.Key, (string?)entry.Value ?? string.Empty));
            }

            if (!includeParentCultures || culture.Equals(CultureInfo.InvariantCulture))
            {
                return found.Values;
            }
        }
    }
}
