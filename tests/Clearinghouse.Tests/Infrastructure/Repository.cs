namespace Clearinghouse.Tests.Infrastructure;

/// <summary>The repository the tests run from, for tests that read its files (source, deploy/, the compose file).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearinghouse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Clearinghouse.sln above {AppContext.BaseDirectory}: the test reads the repository's files.");
    }
}
