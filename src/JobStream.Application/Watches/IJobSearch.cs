namespace JobStream.Application.Watches;

/// <summary>Reads the jobs the watches remember: searched and paged, or all of one watch for export.</summary>
public interface IJobSearch
{
    Task<JobSearchPage> SearchAsync(JobSearch search, CancellationToken cancellationToken);

    /// <summary>Every job of a watch, newest first seen first; only open ones with <paramref name="openOnly"/>.</summary>
    IAsyncEnumerable<StoredJob> JobsOfAsync(string watchId, bool openOnly, CancellationToken cancellationToken);
}
