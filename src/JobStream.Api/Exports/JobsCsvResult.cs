using System.Globalization;
using System.Text;
using JobStream.Application.Watches;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Exports;

/// <summary>
/// Stored jobs written as CSV (RFC 4180: a header row, fields quoted where they hold a comma, quote or line
/// break), row by row as they are read. A field a spreadsheet would run as a formula (=, +, -, @ first) is
/// written with a leading apostrophe, so an exported job page cannot run code in the reader's spreadsheet.
/// </summary>
public sealed class JobsCsvResult(IAsyncEnumerable<StoredJob> jobs, string fileName) : IActionResult
{
    private static readonly string[] Header =
    [
        "watch_id", "domain", "title", "company", "location", "location_type", "department", "seniority",
        "employment_type", "salary", "url", "posted_at", "first_seen", "last_seen", "closed_at", "open",
    ];

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var aborted = context.HttpContext.RequestAborted;
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Header) + "\r\n");
        await foreach (var job in jobs.WithCancellation(aborted))
        {
            await writer.WriteAsync(Row(job));
        }
        await writer.FlushAsync(aborted);
    }

    private static string Row(StoredJob stored)
    {
        var job = stored.Job;
        string?[] fields =
        [
            stored.WatchId, stored.Domain, job.Title, job.Company, job.Location, job.LocationType.ToString().ToLowerInvariant(),
            job.Department, job.Seniority, job.EmploymentType, job.Salary, job.Url, Time(job.PostedAt), Time(stored.FirstSeen),
            Time(stored.LastSeen), Time(stored.ClosedAt), stored.Open ? "true" : "false",
        ];
        return string.Join(',', fields.Select(Field)) + "\r\n";
    }

    private static string? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
