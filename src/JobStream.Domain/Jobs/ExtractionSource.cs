namespace JobStream.Domain.Jobs;

/// <summary>The path through which a job was found.</summary>
public enum ExtractionSource
{
    /// <summary>An applicant-tracking system's public JSON API.</summary>
    AtsApi,
    /// <summary>schema.org JobPosting JSON-LD in the page's static HTML.</summary>
    JsonLd,
    /// <summary>Job links and lists in the page's static HTML.</summary>
    Html,
    /// <summary>The page as rendered by a browser, for script-driven career pages.</summary>
    RenderedPage,
    /// <summary>Data the page carries for its scripts: JSON in scripts and attributes, JavaScript literals.</summary>
    PageData,
}
