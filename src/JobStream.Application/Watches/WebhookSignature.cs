using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JobStream.Application.Watches;

/// <summary>
/// How a webhook request is signed: <c>X-JobStream-Signature: t={unix seconds},v1={hex HMAC-SHA256}</c> of
/// <c>"{t}." + body</c> with the watch's webhook secret. A receiver recomputes it, compares in constant time,
/// and refuses a <c>t</c> too far from its clock (a replay).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-JobStream-Signature";

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed.AsSpan(timestamp.Length + 1));
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }
}
