using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Deployment;

/// <summary>
/// docker-compose.yml, checked without a Docker engine: Debian's docker-compose validates and renders it with a
/// throwaway .env, and the rendered services are read for what the deployment promises — SQL Server with a volume and
/// a health check, a one-shot migration step, two portal instances, one load balancer, each started after what it
/// needs — and that no secret is written in the file. The image is never built and nothing is started here.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string PortalImage = "clearinghouse-web:local";

    // A password of the test's own, so that finding it in the rendered file proves it came from the .env.
    private readonly string _password = $"Ch-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}-x9";

    [ComposeFact]
    public async Task Config_WithTheExampleEnvFilledIn_IsValid_AndStartsEachServiceAfterWhatItNeeds()
    {
        var variables = DockerCompose.ExampleVariables();
        variables["MSSQL_SA_PASSWORD"] = _password;

        var (exitCode, output, error) = await DockerCompose.ConfigAsync(variables);

        Assert.True(exitCode == 0, $"docker-compose config failed ({exitCode}): {error}");
        var services = DockerCompose.AsJson(output).GetProperty("services");
        var names = services.EnumerateObject().Select(s => s.Name).ToList();

        // SQL Server: the official image, its data on a named volume, a health check the others wait for.
        var sqlServer = services.GetProperty("sqlserver");
        Assert.StartsWith("mcr.microsoft.com/mssql/server:", sqlServer.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Contains(Strings(sqlServer, "volumes"), v => v.StartsWith("sqlserver-data:/var/opt/mssql", StringComparison.Ordinal));
        Assert.Contains("sqlcmd", string.Join(" ", Strings(sqlServer.GetProperty("healthcheck"), "test")), StringComparison.Ordinal);
        Assert.Equal(_password, EnvironmentOf(sqlServer)["MSSQL_SA_PASSWORD"]);

        // The migration step: the portal's image with --migrate, once SQL Server is healthy; never restarted.
        var migrate = services.GetProperty("migrate");
        Assert.Equal(PortalImage, migrate.GetProperty("image").GetString());
        Assert.Equal(["--migrate"], Strings(migrate, "command"));
        Assert.Equal("no", migrate.GetProperty("restart").GetString());
        Assert.Equal("service_healthy", Condition(migrate, "sqlserver"));
        Assert.Contains(_password, EnvironmentOf(migrate)["ConnectionStrings__Clearinghouse"], StringComparison.Ordinal);

        // Two instances of the portal on SQL Server, after the migration step succeeded; neither migrates nor publishes
        // a port.
        var portals = names.Where(n => n != "migrate" && services.GetProperty(n).TryGetProperty("image", out var image) &&
                                       image.GetString() == PortalImage).ToList();
        Assert.Equal(["portal-1", "portal-2"], portals);
        var edgeSubnet = variables["CLEARINGHOUSE_EDGE_SUBNET"];
        foreach (var name in portals)
        {
            var portal = services.GetProperty(name);
            var environment = EnvironmentOf(portal);
            Assert.Equal("SqlServer", environment["Database__Provider"]);
            Assert.Contains("Server=sqlserver", environment["ConnectionStrings__Clearinghouse"], StringComparison.Ordinal);
            Assert.Contains($"Password={_password};", environment["ConnectionStrings__Clearinghouse"], StringComparison.Ordinal);
            Assert.Equal("false", environment["Database__MigrateOnStartup"]);
            Assert.Equal(edgeSubnet, environment["ForwardedHeaders__KnownNetworks__0"]);
            Assert.Equal("service_completed_successfully", Condition(portal, "migrate"));
            Assert.Equal("service_healthy", Condition(portal, "sqlserver"));
            Assert.False(portal.TryGetProperty("healthcheck", out _), $"{name} overrides the image's health check");
        }

        // One load balancer, the only service with a published port, once both instances are healthy.
        var published = names.Where(n => services.GetProperty(n).TryGetProperty("ports", out _)).ToList();
        Assert.Equal(["lb"], published);
        var lb = services.GetProperty("lb");
        Assert.StartsWith("nginx:", lb.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Single(lb.GetProperty("ports").EnumerateArray());
        Assert.All(portals, name => Assert.Equal("service_healthy", Condition(lb, name)));
        Assert.Contains(Strings(lb, "volumes"), v => v.StartsWith(Repository.PathOf("deploy/nginx.conf") + ":", StringComparison.Ordinal));
        Assert.Equal(portals, NginxUpstreams());

        var edge = DockerCompose.AsJson(output).GetProperty("networks").GetProperty("edge");
        Assert.Equal(edgeSubnet, edge.GetProperty("ipam").GetProperty("config")[0].GetProperty("subnet").GetString());
    }

    [ComposeFact]
    public async Task Config_WithoutTheSaPassword_FailsNamingIt()
    {
        // .env.example as it is: the password left empty.
        var (exitCode, _, error) = await DockerCompose.ConfigAsync(DockerCompose.ExampleVariables());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set MSSQL_SA_PASSWORD in .env or the environment", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeFile_WritesNoSecret_ReadsOnlyVariablesTheExampleLists_AndDotEnvIsIgnored()
    {
        var text = File.ReadAllText(DockerCompose.ComposeFile);

        Assert.Empty(SecretWritten().Matches(text).Select(m => m.Value));
        var used = Variable().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
        Assert.Contains("MSSQL_SA_PASSWORD", used);
        Assert.Empty(used.Except(DockerCompose.ExampleVariables().Keys));
        Assert.Empty(DockerCompose.ExampleVariables().Keys.Except(used));
        Assert.Contains(".env", File.ReadAllLines(Repository.PathOf(".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Repository.PathOf(".dockerignore")));
    }

    [Fact]
    public void Dockerfile_RunsAsNonRoot_AndChecksHealthWithThePortalsOwnProbe()
    {
        var lines = File.ReadAllLines(Repository.PathOf("deploy/Dockerfile"));
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:", stages[0], StringComparison.Ordinal);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", stages[1], StringComparison.Ordinal);
        var runtime = lines.SkipWhile(l => l != stages[1]).ToList();
        Assert.Contains("USER $APP_UID", runtime);
        var healthCheck = string.Join(" ", runtime.SkipWhile(l => !l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)).Take(2));
        Assert.Contains($"\"{Web.Hosting.HealthProbe.Switch}\", \"http://127.0.0.1:8080{Web.Hosting.HealthEndpoints.ReadinessPath}\"",
            healthCheck, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> EnvironmentOf(JsonElement service) =>
        service.GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    private static List<string> Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static string? Condition(JsonElement service, string dependency) =>
        service.GetProperty("depends_on").GetProperty(dependency).GetProperty("condition").GetString();

    private static List<string> NginxUpstreams() =>
        [.. Upstream().Matches(File.ReadAllText(Repository.PathOf("deploy/nginx.conf"))).Select(m => m.Groups["host"].Value)];

    // A password, pwd or secret given a value that is not a ${VARIABLE} (or the container's own $$VARIABLE); not the
    // message of a ${VARIABLE:?message}.
    [GeneratedRegex(@"(?i)(password|pwd|secret)[""']?\s*[:=]\s*[""']?(?![$?])[^\s;""']+")]
    private static partial Regex SecretWritten();

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*server\s+(?<host>[\w.-]+):8080\b", RegexOptions.Multiline)]
    private static partial Regex Upstream();
}
