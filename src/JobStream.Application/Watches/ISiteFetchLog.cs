namespace JobStream.Application.Watches;

/// <summary>The validators of the pages fetched while a log was open (see <see cref="ISiteChangeCheck.BeginLog"/>).</summary>
public interface ISiteFetchLog : IDisposable
{
    /// <summary>The source for <paramref name="url"/> when it was fetched with a validator (an ETag or a Last-Modified), else null.</summary>
    SiteSource? Find(string domain, string url);
}
