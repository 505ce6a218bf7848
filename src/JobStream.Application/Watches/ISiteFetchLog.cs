using JobStream.Domain.Jobs;

namespace JobStream.Application.Watches;

/// <summary>The pages fetched while a log was open, with their validators (see <see cref="ISiteChangeCheck.BeginLog"/>).</summary>
public interface ISiteFetchLog : IDisposable
{
    /// <summary>
    /// The one page or API answer all of <paramref name="jobs"/> came from, when it was fetched with a validator
    /// (an ETag or a Last-Modified) and no job's own page was read besides; else null.
    /// </summary>
    SiteSource? SourceOf(string domain, IReadOnlyList<Job> jobs);
}
