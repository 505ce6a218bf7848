namespace JobStream.Api.Auth;

/// <summary>
/// Marks the stream endpoints that accept their token as <c>?token=</c>: EventSource cannot send an
/// Authorization header. Elsewhere a token in the URL is ignored, so it is not copied into links,
/// histories and proxy logs where nothing needs it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class QueryTokenAttribute : Attribute;
