using FluentValidation;

namespace JobStream.Application.Watches.SetWebhook;

public sealed class SetWebhookCommandValidator : AbstractValidator<SetWebhookCommand>
{
    public SetWebhookCommandValidator()
    {
        RuleFor(c => c.Url)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(2048)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
            .WithMessage("The webhook is an absolute http(s) URL without credentials in it.")
            .When(c => c.Url is not null)
            .OverridePropertyName("url");
    }
}
