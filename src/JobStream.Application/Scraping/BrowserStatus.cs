namespace JobStream.Application.Scraping;

/// <summary>Whether script-driven career pages can be rendered, and why not when they cannot.</summary>
public sealed record BrowserStatus(bool Enabled, bool Available, string Detail);
