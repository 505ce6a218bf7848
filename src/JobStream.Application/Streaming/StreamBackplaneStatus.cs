namespace JobStream.Application.Streaming;

public sealed record StreamBackplaneStatus(string Kind, bool Connected);
