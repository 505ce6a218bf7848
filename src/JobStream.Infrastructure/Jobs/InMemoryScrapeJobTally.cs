using System.Collections.Concurrent;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Domain.Scraping;

namespace JobStream.Infrastructure.Jobs;

/// <summary>The parts of this process's jobs; a job is forgotten once it is complete.</summary>
public sealed class InMemoryScrapeJobTally : IScrapeJobTally
{
    private readonly ConcurrentDictionary<string, Outcomes> _jobs = new(StringComparer.Ordinal);

    public Task<int> CountAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult(_jobs.TryGetValue(jobId, out var outcomes) ? outcomes.Count : 0);

    public Task<ScrapeSummary?> RecordAsync(ScrapeJob part, bool succeeded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        var of = part.PartOrWhole.Of;
        var outcomes = _jobs.GetOrAdd(part.JobId, _ => new Outcomes());
        var summary = outcomes.Record(part.PartOrWhole.Index, succeeded, of);
        if (summary is not null)
        {
            _jobs.TryRemove(part.JobId, out _);
        }
        return Task.FromResult(summary);
    }

    private sealed class Outcomes
    {
        private readonly Dictionary<int, bool> _parts = [];

        public int Count
        {
            get
            {
                lock (_parts)
                {
                    return _parts.Count;
                }
            }
        }

        public ScrapeSummary? Record(int index, bool succeeded, int of)
        {
            lock (_parts)
            {
                _parts.TryAdd(index, succeeded);
                if (_parts.Count < of)
                {
                    return null;
                }
                var ok = _parts.Values.Count(value => value);
                return new ScrapeSummary(of, ok, of - ok);
            }
        }
    }
}
