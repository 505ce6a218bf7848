using System.Diagnostics.CodeAnalysis;

namespace JobStream.Application.Messaging;

[SuppressMessage("Naming", "CA1711", Justification = "MediatR's contract name, kept so moving to MediatR is a change of usings.")]
public delegate IAsyncEnumerable<TResponse> StreamHandlerDelegate<out TResponse>();
