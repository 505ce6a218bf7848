namespace JobStream.Api.Security;

/// <summary>Transport and browser-facing protections, bound from "Security". Development ignores the HTTPS settings.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Redirect http:// to https:// outside Development (off where a proxy terminates TLS and talks plain HTTP to us).</summary>
    public bool HttpsRedirection { get; set; } = true;

    /// <summary>Send Strict-Transport-Security on HTTPS responses outside Development.</summary>
    public bool Hsts { get; set; } = true;

    /// <summary>Serve Swagger UI and the OpenAPI document; unset means everywhere but Production.</summary>
    public bool? Swagger { get; set; }
}
