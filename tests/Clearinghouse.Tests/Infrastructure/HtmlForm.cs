using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// A form on an <see cref="HtmlPage"/>, filled in the way a person would: fields are found by the text of their
/// label, and what is sent is what the browser would send (hidden fields such as __RequestVerificationToken included).
/// </summary>
public sealed class HtmlForm
{
    private readonly HtmlPage _page;

    internal HtmlForm(HtmlPage page, IHtmlFormElement element)
    {
        _page = page;
        Element = element;
    }

    public IHtmlFormElement Element { get; }

    /// <summary>Types <paramref name="value"/> into a text field or text area, or picks it (by value or text) in a list.</summary>
    public HtmlForm Fill(string label, string value)
    {
        switch (Control(label))
        {
            case IHtmlInputElement { Type: "checkbox" or "radio" }:
                throw new InvalidOperationException($"'{label}' is a check box or option button: use Check.");
            case IHtmlInputElement input:
                input.Value = value;
                break;
            case IHtmlTextAreaElement textArea:
                textArea.Value = value;
                break;
            case IHtmlSelectElement select:
                var options = select.Options.ToList();
                var chosen = options.FirstOrDefault(o => o.Value == value)
                    ?? options.FirstOrDefault(o => Normalize(o.Text) == value)
                    ?? throw new InvalidOperationException(
                        $"'{label}' has no option '{value}'. Options: {string.Join(", ", options.Select(o => $"'{Normalize(o.Text)}' ({o.Value})"))}.");
                foreach (var option in options)
                {
                    option.IsSelected = option == chosen || (select.IsMultiple && option.IsSelected);
                }

                break;
            case var other:
                throw new InvalidOperationException($"'{label}' labels a <{other.LocalName}>, which cannot be filled in.");
        }

        return this;
    }

    /// <summary>Ticks a check box, or selects an option button (which clears the others of its group).</summary>
    public HtmlForm Check(string label, bool isChecked = true)
    {
        if (Control(label) is not IHtmlInputElement { Type: "checkbox" or "radio" } input)
        {
            throw new InvalidOperationException($"'{label}' is not a check box or option button: use Fill.");
        }

        if (input.Type == "radio" && isChecked)
        {
            foreach (var sibling in Inputs().Where(i => i.Type == "radio" && i.Name == input.Name))
            {
                sibling.IsChecked = false;
            }
        }

        input.IsChecked = isChecked;
        return this;
    }

    /// <summary>
    /// Submits the form with its method and action, as application/x-www-form-urlencoded. The submit button is the one
    /// named (by its name or its text) or, as when a person presses Enter, the form's first; its name and value are sent.
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync(string? button = null) => _page.Client.SendAsync(CreateRequest(button));

    /// <summary>The request <see cref="SubmitAsync"/> sends.</summary>
    public HttpRequestMessage CreateRequest(string? button = null)
    {
        var submitter = Submitter(button);
        var fields = Fields().ToList();
        if (submitter?.GetAttribute("name") is { Length: > 0 } name)
        {
            fields.Add(new(name, submitter.GetAttribute("value") ?? string.Empty));
        }

        var action = submitter?.GetAttribute("formaction") ?? Element.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? _page.Address : new Uri(_page.Address, action);
        var method = submitter?.GetAttribute("formmethod") ?? Element.GetAttribute("method");
        if (string.Equals(method, "post", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
        }

        var query = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return new HttpRequestMessage(HttpMethod.Get, new UriBuilder(target) { Query = query }.Uri);
    }

    // What a browser sends: named, enabled fields; check boxes and option buttons only when checked; no buttons.
    private IEnumerable<KeyValuePair<string, string>> Fields()
    {
        foreach (var element in Element.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "reset" or "image" or "file" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } choice:
                    if (choice.IsChecked)
                    {
                        yield return new(name, choice.GetAttribute("value") ?? "on");
                    }

                    break;
                case IHtmlInputElement input:
                    yield return new(name, input.Value);
                    break;
                case IHtmlTextAreaElement textArea:
                    yield return new(name, textArea.Value);
                    break;
                case IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        yield return new(name, option.Value);
                    }

                    break;
            }
        }
    }

    private IElement? Submitter(string? button)
    {
        var buttons = Element.Elements.Where(e =>
            e is IHtmlButtonElement { Type: "submit" } or IHtmlInputElement { Type: "submit" or "image" }).ToList();
        if (button is null)
        {
            return buttons.FirstOrDefault();
        }

        return buttons.FirstOrDefault(b => b.GetAttribute("name") == button)
            ?? buttons.FirstOrDefault(b => Caption(b) == button)
            ?? throw new InvalidOperationException(
                $"The form has no submit button '{button}'. Buttons: " +
                $"{string.Join(", ", buttons.Select(b => $"'{Caption(b)}' (name '{b.GetAttribute("name")}')"))}.");
    }

    private static string Caption(IElement button) =>
        button is IHtmlInputElement ? button.GetAttribute("value") ?? string.Empty : Normalize(button.TextContent);

    private IElement Control(string label)
    {
        var labelled = _page.Document.QuerySelectorAll("label")
            .Select(l => (Label: l, Control: Labelled(l)))
            .Where(l => l.Control is not null && Element.Elements.Contains(l.Control))
            .Select(l => (Text: Normalize(l.Label.TextContent), l.Control))
            .ToList();
        return labelled.FirstOrDefault(l => l.Text == label).Control
            ?? throw new InvalidOperationException(
                $"No field labelled '{label}' in the form on {_page.Address}. Labels there: " +
                $"{string.Join(", ", labelled.Select(l => $"'{l.Text}'"))}.");
    }

    // <label for="id"> names the element with that id; a label without "for" names the field inside it.
    private IElement? Labelled(IElement label) => label.GetAttribute("for") is { Length: > 0 } id
        ? _page.Document.GetElementById(id)
        : label.QuerySelector("input:not([type=hidden]), select, textarea");

    private IEnumerable<IHtmlInputElement> Inputs() => Element.Elements.OfType<IHtmlInputElement>();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
