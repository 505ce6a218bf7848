using System.Net.Http.Json;
using System.Text.Json;

namespace JobStream.Benchmarks;

/// <summary>The API's scrape streams as the benchmarks open them: the response is returned once its headers are in, its events still to read.</summary>
internal static class ScrapeStreams
{
    /// <summary><c>POST /scrape/stream</c> of these domains.</summary>
    public static async Task<HttpResponseMessage> PostStreamAsync(HttpClient client, IEnumerable<string> domains)
    {
        // ResponseHeadersRead: PostAsJsonAsync would read the whole stream before returning.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scrape/stream") { Content = JsonContent.Create(new { domains }) };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary><c>POST /api/v1/scrape/jobs</c> of these domains as the token's user, then the job's stream.</summary>
    public static async Task<HttpResponseMessage> StartJobAsync(HttpClient client, IEnumerable<string> domains, string token)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains }) };
        post.Headers.Authorization = new("Bearer", token);
        using var accepted = await client.SendAsync(post);
        accepted.EnsureSuccessStatusCode();
        var streamUrl = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("stream_url").GetString();
        var response = await client.GetAsync($"{streamUrl}?token={token}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
