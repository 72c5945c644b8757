using Microsoft.Playwright;

namespace Clearinghouse.BrowserTests;

/// <summary>
/// One portal and one headless Chromium for every browser test; each test opens its own browser context (its own
/// cookies and storage) and walks the wizard itself, so tests share no data.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: the tests never download a browser of their own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long any one browser action or expectation may wait before the test fails.</summary>
    public const float ActionTimeoutMs = 10_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalHost Portal { get; } = new();

    public Uri BaseAddress => Portal.BaseAddress;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install Debian's package: apt-get install -y chromium.");
        }

        Portal.StartServer();
        Assertions.SetDefaultExpectTimeout(ActionTimeoutMs);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context pointed at the portal; relative URLs in GotoAsync resolve against it.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.BaseURL = BaseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return context;
    }

    /// <summary>An HTTP client for the same portal, as a license server would call its API.</summary>
    public HttpClient NewApiClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal in Chromium";
}
