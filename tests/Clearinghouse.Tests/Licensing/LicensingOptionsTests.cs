using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Tests.Licensing;

/// <summary>The Licensing:Mode setting, read and checked when the portal starts.</summary>
public sealed class LicensingOptionsTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public void Mode_WhenNotConfigured_IsLenient()
    {
        var options = factory.Services.GetRequiredService<IOptions<LicensingOptions>>().Value;

        Assert.Equal(LicensingMode.Lenient, options.Mode);
    }

    [Theory]
    [InlineData("Strict", LicensingMode.Strict)]
    [InlineData("strict", LicensingMode.Strict)]
    [InlineData("Lenient", LicensingMode.Lenient)]
    public void Mode_IsReadFromConfiguration(string configured, LicensingMode expected)
    {
        var portal = factory.WithWebHostBuilder(b => b.UseSetting("Licensing:Mode", configured));

        Assert.Equal(expected, portal.Services.GetRequiredService<IOptions<LicensingOptions>>().Value.Mode);
    }

    // A mode that is neither stops start-up in one line: see StartupProcessTests.
}
