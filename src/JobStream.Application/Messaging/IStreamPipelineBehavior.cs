using System.Diagnostics.CodeAnalysis;

namespace JobStream.Application.Messaging;

/// <summary>
/// Wraps a stream handler. The pipeline is composed when the stream is created, so a behaviour whose
/// <c>Handle</c> is not an iterator runs at that moment: that is how validation rejects a request
/// before any byte of the stream is written (docs/decisions/0001-stream-dispatcher.md).
/// </summary>
[SuppressMessage("Naming", "CA1716", Justification = "MediatR's contract names the parameter 'next'.")]
public interface IStreamPipelineBehavior<in TRequest, TResponse>
    where TRequest : notnull
{
    IAsyncEnumerable<TResponse> Handle(TRequest request, StreamHandlerDelegate<TResponse> next, CancellationToken cancellationToken);
}
