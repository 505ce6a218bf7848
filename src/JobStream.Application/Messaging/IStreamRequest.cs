namespace JobStream.Application.Messaging;

/// <summary>A request answered by a stream of <typeparamref name="TResponse"/> (MediatR's contract name).</summary>
public interface IStreamRequest<out TResponse>;
