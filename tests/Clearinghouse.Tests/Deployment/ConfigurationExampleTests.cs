using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Tests.Deployment;

public sealed class ConfigurationExampleTests
{
    [Fact]
    public void ProductionExample_IsReadable_AndItsDatabaseSettingsAreOnesThePortalTakes()
    {
        var example = Repository.PathOf("deploy/appsettings.Production.example.json");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(example, optional: false)
            // The part the example leaves to the environment.
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Clearinghouse"] = "Server=sqlserver,1433;Database=Clearinghouse;User Id=lab;Password=x;Encrypt=true",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddClearinghouseDatabase(configuration, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = Path.GetTempPath() });

        using var provider = services.BuildServiceProvider();

        Assert.Empty(provider.GetServices<StartupProblem>());
        Assert.Equal(DatabaseProvider.SqlServer, provider.GetRequiredService<DatabaseTarget>().Provider);
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Assert.False(options.MigrateOnStartup);
        Assert.True(new DatabaseOptionsValidator().Validate(null, options).Succeeded);
        Assert.DoesNotContain("Password", File.ReadAllText(example).Replace("Password=…", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
