using JobStream.Api.Auth;

namespace JobStream.Api.Limits;

/// <summary>Who a request counts against: the token's subject when it sends one, otherwise its address (after forwarded headers).</summary>
public static class ClientIdentity
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.AuthenticatedUser()?.Identity?.Name is { } name
            ? "user:" + name
            : "ip:" + http.Connection.RemoteIpAddress;
    }
}
