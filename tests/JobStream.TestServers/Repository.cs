namespace JobStream.TestServers;

/// <summary>The checkout the tests and benchmarks run from.</summary>
public static class Repository
{
    /// <summary>The folder holding JobStream.sln, found upwards from the running assembly.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobStream.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"JobStream.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// ../shared/fixtures/real beside the checkout (captured public career pages, not part of this
    /// repository); null where it is absent.
    /// </summary>
    public static string? RealFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "real");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
