using FluentValidation;
using JobStream.Application.Scraping;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Watches.CreateWatch;

public sealed class CreateWatchCommandValidator : DomainsValidator<CreateWatchCommand>
{
    public CreateWatchCommandValidator(IOptions<WatchesOptions> options)
        : base(options?.Value.MaxDomainsPerWatch ?? throw new ArgumentNullException(nameof(options)))
    {
        var floor = options.Value.MinimumEvery;
        RuleFor(c => c.Every)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Say how often to run the watch, for example \"1h\", \"30m\" or \"1d\".")
            .Must(every => WatchPeriod.TryParse(every, out _)).WithMessage(c => $"'{c.Every}' is not a period: write a number and a unit (d, h, m or s), for example \"1h\" or \"1h30m\".")
            .Must(every => WatchPeriod.TryParse(every, out var period) && period >= floor).WithMessage($"A watch runs at most every {WatchPeriod.Format(floor)} (Watches:MinimumEverySeconds).")
            .Must(every => WatchPeriod.TryParse(every, out var period) && period <= TimeSpan.FromDays(365)).WithMessage("A watch runs at least once a year.")
            .OverridePropertyName("every");
        RuleFor(c => c.Filters!.Keywords)
            .Must(keywords => keywords.Count <= 50).WithMessage("At most 50 keywords.")
            .Must(keywords => keywords.All(k => k is not null && k.Length <= 100)).WithMessage("A keyword is at most 100 characters.")
            .OverridePropertyName("filters.keywords")
            .When(c => c.Filters is not null);
        RuleFor(c => c.Filters!.Location).MaximumLength(200).OverridePropertyName("filters.location").When(c => c.Filters is not null);
        RuleFor(c => c.Filters!.Seniority).MaximumLength(100).OverridePropertyName("filters.seniority").When(c => c.Filters is not null);
        RuleFor(c => c.Filters!.Department).MaximumLength(100).OverridePropertyName("filters.department").When(c => c.Filters is not null);
    }
}
