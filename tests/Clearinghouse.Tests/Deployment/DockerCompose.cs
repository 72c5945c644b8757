using System.Diagnostics;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using YamlDotNet.Serialization;

namespace Clearinghouse.Tests.Deployment;

/// <summary>
/// Debian's <c>docker-compose</c> (1.29), which can check and render a compose file without a Docker engine
/// (<c>config</c>). <c>./test.sh</c> installs it when missing (as root); where it is absent, the tests that need it are
/// skipped with the reason rather than passed.
/// </summary>
public static class DockerCompose
{
    public const string Command = "docker-compose";

    public static bool IsInstalled { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, Command)));

    public static string ComposeFile => Repository.PathOf("docker-compose.yml");

    public static string EnvExample => Repository.PathOf(".env.example");

    /// <summary>The variables .env.example lists (every one the compose file reads), with their example values.</summary>
    public static Dictionary<string, string> ExampleVariables() =>
        File.ReadAllLines(EnvExample)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);

    /// <summary>
    /// <c>docker-compose --env-file … -f docker-compose.yml config</c> with exactly these variables (a throwaway .env;
    /// the same names are removed from the process environment, which would win over the file).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> ConfigAsync(IReadOnlyDictionary<string, string> variables)
    {
        var folder = Path.Combine(Path.GetTempPath(), "clearinghouse-compose-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var envFile = Path.Combine(folder, ".env");
            await File.WriteAllLinesAsync(envFile, variables.Select(v => $"{v.Key}={v.Value}"));
            var start = new ProcessStartInfo(Command)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--env-file", envFile, "-f", ComposeFile, "config"])
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in ExampleVariables().Keys.Concat(variables.Keys))
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await output, await error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The rendered configuration (YAML) as JSON, to read with System.Text.Json.</summary>
    public static JsonElement AsJson(string yaml)
    {
        var document = new DeserializerBuilder().Build().Deserialize(new StringReader(yaml));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(document);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}

/// <summary>A fact that needs <see cref="DockerCompose"/>: skipped, with the reason, where it is not installed.</summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute()
    {
        if (!DockerCompose.IsInstalled)
        {
            Skip = $"{DockerCompose.Command} is not installed (Debian's package docker-compose; ./test.sh installs it when run as root)";
        }
    }
}
