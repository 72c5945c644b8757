using System.Text.Json;
using Clearinghouse.LicenseServer.Api;
using Spectre.Console;

namespace Clearinghouse.LicenseServer;

/// <summary>
/// Where a command's results go: tables and sentences for people, or with --json exactly one JSON document on stdout
/// for scripts (anything else a command says then goes to stderr, so stdout stays parseable).
/// </summary>
public sealed class Output
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public Output(TextWriter output, TextWriter error, bool json)
    {
        _out = output;
        _error = error;
        IsJson = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Not a terminal when captured: Spectre would otherwise assume 80 columns, which would wrap IDs in tables.
        Console.Profile.Width = Math.Max(Console.Profile.Width, 160);
    }

    public bool IsJson { get; }

    /// <summary>People's console (stdout, no colours, no terminal codes: the output is read by tests and logs too).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The command's result: <paramref name="document"/> with --json, otherwise what <paramref name="human"/> writes.</summary>
    public void Result(object document, Action<IAnsiConsole> human)
    {
        if (IsJson)
        {
            _out.WriteLine(JsonSerializer.Serialize(document, document.GetType(), Json.Options));
        }
        else
        {
            human(Console);
        }

        _out.Flush();
    }

    /// <summary>A line for people that is not the result (instructions, reminders): stdout, or stderr with --json.</summary>
    public void Say(string line)
    {
        (IsJson ? _error : _out).WriteLine(line);
        (IsJson ? _error : _out).Flush();
    }

    /// <summary>Why the command failed: one line on stderr, and with --json a document on stdout too.</summary>
    public void Failure(SimulatorException failure)
    {
        _error.WriteLine($"error: {failure.Message}");
        _error.Flush();
        if (IsJson)
        {
            var problem = failure.Problem;
            var document = new FailureDocument(false, failure.ExitCode, problem?.Code, problem?.Status, failure.Message,
                problem?.Body?.Errors, problem?.Body?.Group);
            _out.WriteLine(JsonSerializer.Serialize(document, Json.Options));
            _out.Flush();
        }
    }

    /// <summary>A table of two columns, what and its value, as the license server's own dialogs show properties.</summary>
    public static Table Properties(params (string Name, string? Value)[] rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Property").AddColumn("Value");
        foreach (var (name, value) in rows.Where(r => r.Value is not null))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value!));
        }

        return table;
    }

    private sealed record FailureDocument(
        bool Ok, int ExitCode, string? Code, int? Status, string Message, Dictionary<string, string[]>? Errors, int? Group);
}
