using Microsoft.Data.Sqlite;

namespace Clearinghouse.Tests.Data;

/// <summary>A folder of its own for one test's database files, removed with everything in it afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clearinghouse-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        // Pooled connections keep the database file open; closing them lets it be deleted.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
