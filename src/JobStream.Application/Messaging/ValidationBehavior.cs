using FluentValidation;

namespace JobStream.Application.Messaging;

/// <summary>
/// Runs the request's validators when the stream is created, not when it is first read, so a bad
/// request throws <see cref="ValidationException"/> while the response can still be a 400.
/// Validators of stream requests must therefore be synchronous.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IStreamPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public IAsyncEnumerable<TResponse> Handle(TRequest request, StreamHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var context = new ValidationContext<TRequest>(request);
        var failures = validators
            .SelectMany(validator => validator.Validate(context).Errors)
            .Where(failure => failure is not null)
            .ToList();
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return next();
    }
}
