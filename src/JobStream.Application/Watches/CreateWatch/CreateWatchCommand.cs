using JobStream.Application.Errors;
using JobStream.Application.Scraping;
using JobStream.Domain.Watches;
using Mediator;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Watches.CreateWatch;

/// <summary>Create a watch of <paramref name="Owner"/>: it runs at once, then every <paramref name="Every"/>.</summary>
public sealed record CreateWatchCommand(string Owner, IReadOnlyList<string>? Domains, string? Every, WatchFilters? Filters) : IRequest<WatchView>, IDomainsRequest;

public sealed class CreateWatchCommandHandler(IWatchStore store, WatchScheduler scheduler, IOptions<WatchesOptions> options, TimeProvider time)
    : IRequestHandler<CreateWatchCommand, WatchView>
{
    public async ValueTask<WatchView> Handle(CreateWatchCommand request, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxWatchesPerUser;
        if (await store.CountAsync(request.Owner, cancellationToken) >= max)
        {
            throw new LimitReachedException($"You have {max} watches, the most one user may have (Watches:MaxWatchesPerUser); delete one first.");
        }
        if (!WatchPeriod.TryParse(request.Every, out var every))
        {
            throw new ArgumentException("The validator lets only periods through.", nameof(request));
        }
        var now = time.GetUtcNow();
        var watch = new Watch
        {
            Id = Watch.NewId(),
            Owner = request.Owner,
            Domains = request.Domains!.Select(d => d.Trim()).ToList(),
            Every = every,
            Filters = Normalised(request.Filters ?? WatchFilters.None),
            CreatedAt = now,
            NextRunAt = now,
        };
        await store.AddAsync(watch, cancellationToken);
        scheduler.Wake();
        return WatchView.Of(watch);
    }

    private static WatchFilters Normalised(WatchFilters filters) => filters with
    {
        Keywords = filters.Keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Location = Blank(filters.Location),
        Seniority = Blank(filters.Seniority),
        Department = Blank(filters.Department),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
