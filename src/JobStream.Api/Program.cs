using JobStream.Api;
using JobStream.Api.Auth;
using JobStream.Api.Operations;
using JobStream.Api.Security;
using JobStream.Api.Ui;
using JobStream.Application;
using JobStream.Infrastructure;

StartFailure.ReportBadSettings();
var builder = WebApplication.CreateBuilder(args);
// The console (what a container's log shipper reads) and EventSource (what dotnet-trace reads); not the
// default Debug provider, which writes only to an attached debugger, yet made every log scope, three
// per open stream, an object more for as long as the stream stays open. The console takes no shared
// log scopes unless its formatter writes them (ConsoleLogging).
builder.Logging.ClearProviders().AddConsoleLog(builder.Configuration).AddEventSourceLogger();
// The "Request starting" line is logged before any middleware runs, with the full URL: it could
// carry a ?token=. Keep that category quiet whatever the configuration says.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", level => level >= LogLevel.Warning);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration, builder.Environment);

var app = builder.Build();

app.UseForwardedHeaders();
app.UseMiddleware<QueryTokenRedaction>();
app.UseRequestLogging();
app.UseWorkerRoleGate();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<SecurityHeaders>();
app.UseHttpsOutsideDevelopment();
app.UseUi();
app.UseCorsWhereCrossOrigin();
app.UseAuthenticationAndAuthorization();
app.UseScrapeRateLimiting();
app.UseSwaggerWhereEnabled();
app.MapControllers();
app.MapOperations();

app.Run();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
