namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>The three outcomes of <see cref="FetchResult{T}"/>, made with their type inferred where it can be.</summary>
public static class Fetch
{
    public static FetchResult<T> Answered<T>(T content)
        where T : class => new FetchResult<T>.Answered(content);

    public static FetchResult<T> Refused<T>(string why)
        where T : class => new FetchResult<T>.Refused(why);

    public static FetchResult<T> Failed<T>(string why)
        where T : class => new FetchResult<T>.Failed(why);
}
