namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// What asking a site for something came to: its answer, a refusal (robots.txt forbids it, the address
/// policy blocks it), or a failure (unreachable, too slow, an error status, not what was asked for).
/// Expected outcomes that callers branch on, so data rather than exceptions; <see cref="Why"/> says
/// what went wrong in words fit for the client.
/// </summary>
public abstract record FetchResult<T>
    where T : class
{
    private FetchResult()
    {
    }

    /// <summary>The answer, or null when there is none.</summary>
    public T? Value => (this as Answered)?.Content;

    /// <summary>Why there is no answer; empty when there is one.</summary>
    public abstract string Why { get; }

    /// <summary>The next step with the answer; a refusal stays a refusal and a failure a failure, for the other kind of answer.</summary>
    public FetchResult<TOther> Then<TOther>(Func<T, FetchResult<TOther>> next)
        where TOther : class
    {
        ArgumentNullException.ThrowIfNull(next);
        return this is Answered answered ? next(answered.Content) : Unanswered<TOther>();
    }

    /// <summary>This refusal or failure, as the outcome of asking for another kind of answer.</summary>
    public FetchResult<TOther> Unanswered<TOther>()
        where TOther : class => this switch
    {
        Refused refused => new FetchResult<TOther>.Refused(refused.Why),
        Failed failed => new FetchResult<TOther>.Failed(failed.Why),
        _ => throw new InvalidOperationException("an answer is neither a refusal nor a failure"),
    };

    public sealed record Answered(T Content) : FetchResult<T>
    {
        public override string Why => "";
    }

    public sealed record Refused(string Reason) : FetchResult<T>
    {
        public override string Why => Reason;
    }

    public sealed record Failed(string Reason) : FetchResult<T>
    {
        public override string Why => Reason;
    }
}
