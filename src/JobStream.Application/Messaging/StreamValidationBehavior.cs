using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace JobStream.Application.Messaging;

/// <summary>
/// Runs a stream request's validators when the stream is created, not when it is first read, so a bad
/// request throws <see cref="ValidationException"/> while the response can still be a 400
/// (docs/decisions/0001-mediator.md). Validators of stream requests must be synchronous.
/// </summary>
public sealed class StreamValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IStreamPipelineBehavior<TMessage, TResponse>
    where TMessage : IStreamMessage
{
    public IAsyncEnumerable<TResponse> Handle(TMessage message, StreamHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Nothing made for a request without validators (/events: one per client that connects).
        ValidationContext<TMessage>? context = null;
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = validator.Validate(context ??= new ValidationContext<TMessage>(message));
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }
        if (failures is not null)
        {
            throw new ValidationException(failures);
        }
        return next(message, cancellationToken);
    }
}
