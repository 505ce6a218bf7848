namespace JobStream.Infrastructure.IntegrationTests;

/// <summary>
/// The captured public career-site responses in ../shared/fixtures/real. They are not part of this
/// repository, so tests that read them are skipped, with the reason, where the folder is absent.
/// </summary>
public static class RealFixtures
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "real");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(candidate, relative);
            }
        }
        Assert.Ignore("Skipped: ../shared/fixtures/real is not beside this checkout, so the real-site fixtures cannot be read.");
        return null!;
    }

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
