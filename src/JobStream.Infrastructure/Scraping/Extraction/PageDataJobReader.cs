using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using AngleSharp.Dom;
using JobStream.Domain.Jobs;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// Finds jobs held as data in a page rather than as markup: JSON in scripts (<c>__NEXT_DATA__</c>,
/// <c>application/json</c>), in attributes (a React or Inertia mount's <c>data-page</c> / <c>data-props</c>),
/// and JavaScript object and array literals (<c>window.pageData = {...}</c>, <c>phApp.ddo = {...}</c>,
/// <c>var jobs = [...]</c>, <c>JSON.parse("...")</c>). Scripts are parsed into a syntax tree (Acornima)
/// and only their literals are read: nothing is run. Jobs are recognised by shape, not by name: arrays
/// of objects most of which have a title-like and a url- or id-like field.
/// </summary>
public static class PageDataJobReader
{
    private const int MaxScriptLength = 3_000_000;
    private const int MaxDepth = 14;
    private static readonly string[] TitleKeys = ["title", "jobTitle", "job_title", "positionName", "position_name", "position", "name", "text", "displayName"];
    private static readonly string[] UrlKeys = ["url", "absolute_url", "absoluteUrl", "hostedUrl", "jobUrl", "job_url", "applyUrl", "apply_url", "link", "href", "canonicalUrl", "externalPath", "path"];
    private static readonly string[] IdKeys = ["id", "jobId", "job_id", "jobSeqNo", "reqId", "requisitionId", "jobReqId", "uuid", "shortcode", "slug"];
    private static readonly string[] LocationKeys = ["location", "locationName", "location_name", "city", "office", "jobLocation", "workLocation", "primaryLocation", "locations", "cityState", "address"];
    private static readonly string[] DepartmentKeys = ["department", "departmentName", "team", "category", "function", "businessUnit", "jobFamily"];
    private static readonly string[] EmploymentKeys = ["employmentType", "employment_type", "commitment", "workType", "timeType", "schedule", "contractType", "type"];
    private static readonly string[] WorkplaceKeys = ["workplaceType", "workplace_type", "locationType", "remoteType", "remote_type"];
    private static readonly string[] RemoteFlags = ["remote", "isRemote", "is_remote"];
    private static readonly string[] DateKeys = ["datePosted", "postedDate", "posted_date", "postedOn", "publishedAt", "published_at", "postingDate", "createdAt", "created_at", "firstPublished"];
    private static readonly string[] DescriptionKeys = ["descriptionPlain", "description", "summary", "shortDescription", "descriptionTeaser", "content"];
    private static readonly string[] NameKeys = ["name", "city", "text", "label", "title", "displayName"];

    public static IReadOnlyList<JobCandidate> Read(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var jobs = new List<JobCandidate>();
        foreach (var data in Data(document))
        {
            Collect(data, pageUrl, jobs, depth: 0);
        }
        return jobs.DistinctBy(job => (job.Url, job.Title)).ToList();
    }

    /// <summary>
    /// The jobs in a JSON answer a page's scripts fetched (<c>/api/jobs</c> while it rendered), recognised
    /// by shape as in a page's own data; links in it resolved against <paramref name="pageUrl"/>.
    /// </summary>
    public static IReadOnlyList<JobCandidate> ReadJson(string json, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(json);
        var jobs = new List<JobCandidate>();
        if (json.Length <= MaxScriptLength)
        {
            Collect(ParseJson(json), pageUrl, jobs, depth: 0);
        }
        return jobs.DistinctBy(job => (job.Url, job.Title)).ToList();
    }

    /// <summary>
    /// The literal a page's scripts assign to a name (<c>COMPANY_POSITIONS_DATA = [...]</c>,
    /// <c>window.jobs = {...}</c>, <c>JBL.embed_v2['jobs'] = [...]</c>, <c>var jobs = [...]</c>), as JSON;
    /// null where none is assigned.
    /// </summary>
    public static JsonNode? ScriptValue(IDocument document, string name)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var script in document.QuerySelectorAll("script:not([src])"))
        {
            var code = script.TextContent;
            if (code.Length > MaxScriptLength || !code.Contains(name, StringComparison.Ordinal) || Parse(code) is not { } parsed)
            {
                continue;
            }
            foreach (var node in parsed.DescendantNodes())
            {
                var value = node switch
                {
                    AssignmentExpression { Left: Identifier { Name: var left } } assignment when left == name => assignment.Right,
                    AssignmentExpression { Left: MemberExpression { Computed: false, Property: Identifier { Name: var member } } } assignment when member == name => assignment.Right,
                    AssignmentExpression { Left: MemberExpression { Computed: true, Property: StringLiteral { Value: var key } } } assignment when key == name => assignment.Right,
                    VariableDeclarator { Id: Identifier { Name: var declared } } declarator when declared == name => declarator.Init,
                    _ => null,
                };
                if (value is ObjectExpression or ArrayExpression)
                {
                    return ToJson(value);
                }
            }
        }
        return null;
    }

    private static IEnumerable<JsonNode> Data(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script"))
        {
            var type = script.GetAttribute("type")?.Trim().ToLowerInvariant();
            var text = script.TextContent;
            if (text.Length is 0 or > MaxScriptLength || script.HasAttribute("src"))
            {
                continue;
            }
            if (type is "application/json" or "application/ld+json")
            {
                if (type == "application/json" && ParseJson(text) is { } json)
                {
                    yield return json;
                }
            }
            else if (type is null or "" or "text/javascript" or "application/javascript" or "module")
            {
                foreach (var literal in Literals(text))
                {
                    yield return literal;
                }
            }
        }
        foreach (var element in document.QuerySelectorAll("[data-page], [data-props], [data-react-props], [data-state], [data-jobs]"))
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name is "data-page" or "data-props" or "data-react-props" or "data-state" or "data-jobs" && ParseJson(attribute.Value) is { } json)
                {
                    yield return json;
                }
            }
        }
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text.Trim(), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The object and array literals a script assigns or declares, and the strings it hands JSON.parse.
    private static IEnumerable<JsonNode> Literals(string code)
    {
        if (Parse(code) is not { } script)
        {
            yield break;
        }
        foreach (var node in script.DescendantNodes())
        {
            var literal = node switch
            {
                AssignmentExpression { Right: ObjectExpression or ArrayExpression } assignment => ToJson(assignment.Right),
                VariableDeclarator { Init: ObjectExpression or ArrayExpression } declarator => ToJson(declarator.Init!),
                CallExpression { Callee: MemberExpression { Object: Identifier { Name: "JSON" }, Property: Identifier { Name: "parse" } }, Arguments: [StringLiteral text] } => ParseJson(text.Value),
                _ => null,
            };
            if (literal is not null)
            {
                yield return literal;
            }
        }
    }

    private static Script? Parse(string code)
    {
        try
        {
            return new Parser(new ParserOptions { Tolerant = true }).ParseScript(code);
        }
        catch (ParseErrorException)
        {
            return null;
        }
    }

    // Literals only: anything else (a function, a variable, a call) is left out, never evaluated.
    private static JsonNode? ToJson(Acornima.Ast.Node node) => node switch
    {
        ObjectExpression obj => ToObject(obj),
        ArrayExpression array => new JsonArray(array.Elements.Where(e => e is not null).Select(e => ToJson(e!)).Where(e => e is not null).ToArray()),
        StringLiteral text => JsonValue.Create(text.Value),
        Literal { Value: double number } => JsonValue.Create(number),
        Literal { Value: bool flag } => JsonValue.Create(flag),
        TemplateLiteral { Expressions.Count: 0 } template => JsonValue.Create(string.Concat(template.Quasis.Select(q => q.Value.Cooked))),
        UnaryExpression { Operator: Operator.UnaryNegation, Argument: Literal { Value: double number } } => JsonValue.Create(-number),
        _ => null,
    };

    private static JsonObject ToObject(ObjectExpression obj)
    {
        var result = new JsonObject();
        foreach (var property in obj.Properties.OfType<Property>())
        {
            var key = property.Key switch
            {
                Identifier identifier when !property.Computed => identifier.Name,
                StringLiteral text => text.Value,
                Literal literal => Convert.ToString(literal.Value, CultureInfo.InvariantCulture),
                _ => null,
            };
            if (key is not null && ToJson(property.Value) is { } value && !result.ContainsKey(key))
            {
                result[key] = value;
            }
        }
        return result;
    }

    private static void Collect(JsonNode? node, Uri pageUrl, List<JobCandidate> jobs, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return;
        }
        switch (node)
        {
            case JsonArray array:
                var objects = array.OfType<JsonObject>().ToList();
                var found = objects.Select(item => ToCandidate(item, pageUrl)).OfType<JobCandidate>().ToList();
                // A list of jobs: most of its objects read as jobs (not a menu with one "title" in it).
                if (found.Count > 0 && found.Count * 10 >= objects.Count * 6)
                {
                    jobs.AddRange(found);
                    return;
                }
                foreach (var item in array)
                {
                    Collect(item, pageUrl, jobs, depth + 1);
                }
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, pageUrl, jobs, depth + 1);
                }
                break;
        }
    }

    private static JobCandidate? ToCandidate(JsonObject item, Uri pageUrl)
    {
        var title = TextCleaner.Clean(First(item, TitleKeys));
        if (title is not { Length: >= 3 and <= 150 })
        {
            return null;
        }
        var link = First(item, UrlKeys);
        var id = First(item, IdKeys);
        var url = WebLink.Resolve(pageUrl, link);
        if (url is null && id is null)
        {
            return null;
        }
        url ??= new Uri(pageUrl, "#" + Uri.EscapeDataString(id!));
        var workplace = First(item, WorkplaceKeys) ?? "";
        var remote = RemoteFlags.Any(flag => Value(item, flag) is JsonValue value && value.TryGetValue<bool>(out var yes) && yes);
        return new JobCandidate
        {
            Title = title,
            Url = url.AbsoluteUri,
            Source = ExtractionSource.PageData,
            SourcePage = pageUrl.AbsoluteUri,
            Location = TextCleaner.Clean(First(item, LocationKeys)),
            Department = TextCleaner.Clean(First(item, DepartmentKeys)),
            EmploymentTypes = TextCleaner.Clean(First(item, EmploymentKeys)) is { } type ? [type] : [],
            StatedLocationType = workplace.Contains("hybrid", StringComparison.OrdinalIgnoreCase) ? LocationType.Hybrid
                : remote || workplace.Contains("remote", StringComparison.OrdinalIgnoreCase) ? LocationType.Remote
                : null,
            PostedAt = Date(item),
            Summary = TextCleaner.Summarize(First(item, DescriptionKeys)),
        };
    }

    private static DateTimeOffset? Date(JsonObject item)
    {
        foreach (var key in DateKeys)
        {
            switch (Value(item, key))
            {
                case JsonValue value when value.TryGetValue<string>(out var text)
                                          && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                    return date;
                case JsonValue value when value.TryGetValue<double>(out var number) && number > 1e11:
                    return DateTimeOffset.FromUnixTimeMilliseconds((long)number); // JavaScript's milliseconds
            }
        }
        return null;
    }

    // A key's value as text: a string, a number, or an object's (or the first array item's) name.
    private static string? First(JsonObject item, string[] keys)
    {
        foreach (var key in keys)
        {
            if (Text(Value(item, key), depth: 0) is { Length: > 0 } text)
            {
                return text;
            }
        }
        return null;
    }

    private static string? Text(JsonNode? node, int depth) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonObject obj when depth < 2 => NameKeys.Select(key => Text(Value(obj, key), depth + 1)).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text)),
        JsonArray array when depth < 2 => string.Join("; ", array.Select(element => Text(element, depth + 1)).Where(text => !string.IsNullOrWhiteSpace(text)).Distinct().Take(5)),
        _ => null,
    };

    private static JsonNode? Value(JsonObject item, string key)
    {
        if (item.TryGetPropertyValue(key, out var exact))
        {
            return exact;
        }
        foreach (var (name, value) in item)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
