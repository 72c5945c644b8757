using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Clearinghouse.Web.Data;

// Used by `dotnet ef` only: each provider's migration set is generated from its own context, with no server running.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClearinghouseDbContext>
{
    public SqliteClearinghouseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteClearinghouseDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerClearinghouseDbContext>
{
    public SqlServerClearinghouseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerClearinghouseDbContext>()
            .UseSqlServer("Server=design-time;Database=Clearinghouse;Integrated Security=true;TrustServerCertificate=true")
            .Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlClearinghouseDbContext>
{
    public PostgreSqlClearinghouseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlClearinghouseDbContext>()
            .UseNpgsql("Host=design-time;Database=clearinghouse")
            .Options);
}
