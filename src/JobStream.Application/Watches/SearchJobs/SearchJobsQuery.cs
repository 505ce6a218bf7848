using Mediator;

namespace JobStream.Application.Watches.SearchJobs;

/// <summary>Search the jobs the user's watches remember.</summary>
public sealed record SearchJobsQuery(JobSearch Search) : IRequest<JobSearchPage>;

public sealed class SearchJobsQueryHandler(IJobSearch jobs) : IRequestHandler<SearchJobsQuery, JobSearchPage>
{
    public async ValueTask<JobSearchPage> Handle(SearchJobsQuery request, CancellationToken cancellationToken) =>
        await jobs.SearchAsync(request.Search, cancellationToken);
}
