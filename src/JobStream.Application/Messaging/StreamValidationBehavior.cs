using FluentValidation;
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
        var context = new ValidationContext<TMessage>(message);
        var failures = validators.SelectMany(validator => validator.Validate(context).Errors).ToList();
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return next(message, cancellationToken);
    }
}
