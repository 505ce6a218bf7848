using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobStream.Domain.Jobs;

namespace JobStream.Domain.Watches;

/// <summary>
/// Compares what a successful scrape of one domain found with what a watch remembers of it, and says what
/// changed. A job is the same job when its <see cref="IdentityOf">identity</see> is, or, where only one of
/// the two reads gave the ATS's id, when its URL is; it has changed when
/// one of its <see cref="TrackedFields"/> has. A job no longer found closes only after
/// <c>closeAfterMissedRuns</c> successful runs in a row without it, so one bad page closes nothing.
/// </summary>
public static class JobTracker
{
    /// <summary>The fields whose change is a <see cref="JobChangeKind.Changed"/>, by their API names.</summary>
    public static readonly IReadOnlyList<(string Name, Func<Job, object?> Value)> TrackedFields = Array.AsReadOnly(new (string, Func<Job, object?>)[]
    {
        ("title", j => j.Title),
        ("company", j => j.Company),
        ("location", j => j.Location),
        ("location_type", j => j.LocationType),
        ("department", j => j.Department),
        ("seniority", j => j.Seniority),
        ("employment_type", j => j.EmploymentType),
        ("is_contract", j => j.IsContract),
        ("salary", j => j.Salary),
        ("summary", j => j.Summary),
        ("posted_at", j => j.PostedAt),
    });

    /// <summary>
    /// A job's stable identity: the ATS's own id of it where it was read from an ATS that gives one (its URL
    /// may change: a board moves host, a company puts its board behind its own site), else its
    /// <see cref="UrlIdentityOf">canonical URL</see>.
    /// </summary>
    public static string IdentityOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.AtsId ?? UrlIdentityOf(job);
    }

    /// <summary>A job's URL in its <see cref="CanonicalUrl">canonical form</see>.</summary>
    public static string UrlIdentityOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Uri.TryCreate(job.Url, UriKind.Absolute, out var url) ? CanonicalUrl(url) : job.Url.Trim();
    }

    /// <summary>A page's address with the scheme and host in lower case, no default port, no fragment and no trailing slash.</summary>
    public static string CanonicalUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return $"{url.Scheme}://{url.Host.ToLowerInvariant()}{port}{url.AbsolutePath.TrimEnd('/')}{url.Query}";
    }

    /// <summary>
    /// Whether two jobs at one URL may be one job: unless both reads gave the ATS's id (then the ids decide),
    /// as one may have been read from the board's API and the other from its page, or kept before ids were.
    /// </summary>
    public static bool MayBeOneAtUrl(Job known, Job found)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(found);
        return known.AtsId is null || found.AtsId is null;
    }

    /// <summary>A short hash of the tracked fields: equal hashes, nothing worth telling changed.</summary>
    public static string HashOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = new StringBuilder();
        foreach (var (name, value) in TrackedFields)
        {
            text.Append(name).Append('=').Append(Format(value(job))).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <param name="complete">
    /// False for a partial read (a board the site relies on could not be read): what was found opens and
    /// changes as ever, and what was not found is not counted missing, so only a whole read closes a job.
    /// </param>
    public static DomainComparison Compare(string domain, IReadOnlyList<TrackedJob> known, IReadOnlyList<Job> found, DateTimeOffset now, int closeAfterMissedRuns, bool complete = true)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentOutOfRangeException.ThrowIfLessThan(closeAfterMissedRuns, 1);
        var remembered = known.ToDictionary(k => k.Identity, StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal); // the identities of known jobs found again
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reads = new List<(Job Job, string Identity, TrackedJob? Before)>();
        foreach (var job in found)
        {
            var identity = IdentityOf(job);
            if (!seen.Add(identity))
            {
                continue; // listed twice on one board: the first is the job
            }
            var before = remembered.GetValueOrDefault(identity);
            if (before is not null)
            {
                matched.Add(before.Identity);
            }
            reads.Add((job, identity, before));
        }
        // Where the identities differ because one read gave the ATS's id and the other did not, the URL tells.
        var atUrl = known.Where(k => !matched.Contains(k.Identity))
            .GroupBy(k => UrlIdentityOf(k.Job), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var writes = new List<TrackedJob>();
        var changes = new List<JobChange>();
        foreach (var (job, identity, byIdentity) in reads)
        {
            var before = byIdentity;
            if (before is null
                && atUrl.TryGetValue(UrlIdentityOf(job), out var byUrl)
                && MayBeOneAtUrl(byUrl.Job, job)
                && matched.Add(byUrl.Identity))
            {
                before = byUrl;
            }
            var hash = HashOf(job);
            if (before is null)
            {
                var opened = new TrackedJob { Identity = identity, Domain = domain, Job = job, ContentHash = hash, FirstSeen = now, LastSeen = now };
                writes.Add(opened);
                changes.Add(new JobChange(JobChangeKind.Opened, opened));
                continue;
            }
            // Once a read gave the ATS's id, the job goes by it.
            var kept = job.AtsId ?? before.Identity;
            var current = before with
            {
                Identity = kept,
                FormerIdentity = kept == before.Identity ? null : before.Identity,
                Job = job, ContentHash = hash, LastSeen = now, ClosedAt = null, MissedRuns = 0, Domain = domain,
            };
            writes.Add(current);
            if (!before.IsOpen)
            {
                changes.Add(new JobChange(JobChangeKind.Opened, current));
            }
            else if (before.ContentHash != hash)
            {
                var changed = TrackedFields.Where(f => !Equals(f.Value(before.Job), f.Value(job))).ToList();
                changes.Add(new JobChange(JobChangeKind.Changed, current)
                {
                    ChangedFields = changed.Select(f => f.Name).ToList(),
                    Previous = changed.ToDictionary(f => f.Name, f => f.Value(before.Job)),
                });
            }
        }
        foreach (var missing in known.Where(k => complete && k.IsOpen && !matched.Contains(k.Identity)))
        {
            var missed = missing.MissedRuns + 1;
            if (missed < closeAfterMissedRuns)
            {
                writes.Add(missing with { MissedRuns = missed });
                continue;
            }
            var closed = missing with { MissedRuns = missed, ClosedAt = now };
            writes.Add(closed);
            changes.Add(new JobChange(JobChangeKind.Closed, closed));
        }
        return new DomainComparison(writes, changes);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset date => date.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
