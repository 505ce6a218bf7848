namespace JobStream.Benchmarks;

internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobStream.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("JobStream.sln not found above the benchmark");
    }
}
