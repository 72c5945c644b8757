using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>
/// The first run, with several people at the setup page at once (a lab's colleagues, a double click, two tabs): exactly
/// one of them becomes the administrator; the others find the page closed. Never two administrators, never a 500.
/// </summary>
public abstract class SetupRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const int People = 6;

    [Fact]
    public async Task SimultaneousSetups_CreateOneAdministrator_AndCloseThePageForTheOthers()
    {
        var forms = new List<HtmlForm>();
        for (var person = 0; person < People; person++)
        {
            var page = await HtmlPage.GetAsync(factory.CreateSecureClient(), "/console/setup");
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            var password = $"Setup-Race-Password-{person}";
            forms.Add(page.Form().Fill("Email address", $"admin{person}@example.com")
                .Fill("Password", password).Fill("Type the password again", password));
        }

        using var start = new Barrier(People);
        var answers = await Task.WhenAll(forms.Select(form => Task.Run(async () =>
        {
            start.SignalAndWait();
            using var response = await form.SubmitAsync();
            return response.StatusCode;
        })));

        Assert.Single(answers, status => status == HttpStatusCode.Found);
        Assert.All(answers.Where(status => status != HttpStatusCode.Found), status => Assert.Equal(HttpStatusCode.NotFound, status));
        var administrators = await factory.WithDbAsync(db => db.UserRoles
            .Join(db.Roles.Where(r => r.Name == Roles.LabAdministrator), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).CountAsync());
        Assert.Equal(1, administrators);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }
}

public sealed class SetupRaceTestsOnSqlite(UnseededClearinghouseFactory factory) : SetupRaceTests<UnseededClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class SetupRaceTestsOnPostgreSql(UnseededPostgreSqlClearinghouseFactory factory)
    : SetupRaceTests<UnseededPostgreSqlClearinghouseFactory>(factory);
