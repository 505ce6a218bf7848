using FluentValidation;

namespace JobStream.Application.Watches.SearchJobs;

public sealed class SearchJobsQueryValidator : AbstractValidator<SearchJobsQuery>
{
    public const int MaxPageSize = 200;

    public SearchJobsQueryValidator()
    {
        RuleFor(q => q.Search.Text).MaximumLength(200).OverridePropertyName("q");
        RuleFor(q => q.Search.Company).MaximumLength(200).OverridePropertyName("company");
        RuleFor(q => q.Search.Location).MaximumLength(200).OverridePropertyName("location");
        RuleFor(q => q.Search.Seniority).MaximumLength(100).OverridePropertyName("seniority");
        RuleFor(q => q.Search.Department).MaximumLength(100).OverridePropertyName("department");
        RuleFor(q => q.Search.Page).InclusiveBetween(1, 10_000).OverridePropertyName("page");
        RuleFor(q => q.Search.PageSize).InclusiveBetween(1, MaxPageSize).OverridePropertyName("page_size");
    }
}
