namespace JobStream.Api.Limits;

/// <summary>The instance is stopping and takes no new streams (503: another instance will).</summary>
public sealed class InstanceDrainingException() : Exception("This instance is stopping; connect again to reach another.");
