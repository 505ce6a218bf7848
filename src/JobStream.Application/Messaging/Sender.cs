using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Application.Messaging;

/// <summary>
/// The stream half of MediatR's <c>ISender</c>: finds the request's handler and its pipeline
/// behaviours in the container and composes them, outermost first in registration order.
/// </summary>
public sealed class Sender(IServiceProvider serviceProvider) : ISender
{
    private static readonly ConcurrentDictionary<(Type Request, Type Response), StreamDispatcher> Dispatchers = new();

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dispatcher = Dispatchers.GetOrAdd(
            (request.GetType(), typeof(TResponse)),
            static key => (StreamDispatcher)Activator.CreateInstance(
                typeof(StreamDispatcher<,>).MakeGenericType(key.Request, key.Response))!);
        return ((StreamDispatcher<TResponse>)dispatcher).Dispatch(request, serviceProvider, cancellationToken);
    }

    private abstract class StreamDispatcher;

    private abstract class StreamDispatcher<TResponse> : StreamDispatcher
    {
        public abstract IAsyncEnumerable<TResponse> Dispatch(IStreamRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken);
    }

    private sealed class StreamDispatcher<TRequest, TResponse> : StreamDispatcher<TResponse>
        where TRequest : IStreamRequest<TResponse>
    {
        public override IAsyncEnumerable<TResponse> Dispatch(IStreamRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken)
        {
            var typed = (TRequest)request;
            var handler = services.GetRequiredService<IStreamRequestHandler<TRequest, TResponse>>();
            StreamHandlerDelegate<TResponse> pipeline = () => handler.Handle(typed, cancellationToken);
            foreach (var behavior in services.GetServices<IStreamPipelineBehavior<TRequest, TResponse>>().Reverse())
            {
                var next = pipeline;
                pipeline = () => behavior.Handle(typed, next, cancellationToken);
            }
            return pipeline();
        }
    }
}
