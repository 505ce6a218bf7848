using FluentValidation;

namespace JobStream.Application.Streaming;

/// <summary>What may name a connection or a user: it becomes part of Redis keys and channel names.</summary>
public static class StreamKeys
{
    public const string SafeKeyPattern = "^[A-Za-z0-9_.@-]{1,128}$";

    public const string SafeKeyMessage = "Use 1-128 letters, digits or _.@- only.";

    /// <summary>The one rule for a user id, connection id or token subject, named in errors as <paramref name="field"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeSafeKey<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.NotEmpty().WithMessage(SafeKeyMessage)
            .Matches(SafeKeyPattern).WithMessage(SafeKeyMessage)
            .OverridePropertyName(field);
}
