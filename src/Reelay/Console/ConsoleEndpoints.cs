using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Storage.Blobs;

namespace Reelay.WebConsole;

/// <summary>
/// The console's routes: its pages (Razor components, static server rendering) at <c>/</c>, <c>/jobs/{id}</c>,
/// <c>/new</c>, <c>/usage</c>, <c>/sign-in</c>, <c>/admin/keys</c>, <c>/admin/upstreams</c>, <c>/admin/webhooks</c>, and its cookie-authenticated helpers under <c>/console/</c>.
/// API routes are untouched: the console only adds paths no API uses, and its middleware acts only on its own
/// endpoints (antiforgery checks only forms that ask for it, the cookie is read only by console code).
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>Most jobs one live stream follows (a gallery page shows at most this many).</summary>
    public const int MaxLiveJobs = 60;

    /// <summary>
    /// What console pages may load and run: only the console's own files, no inline script or style (it has none),
    /// images from itself or the create form's local preview (<c>blob:</c>), no plugins, no framing, forms posted only
    /// to itself. A script injected through a job's prompt or a key's name would not run even if escaping ever failed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; media-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static readonly TimeSpan Repoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static WebApplication MapReelayConsole(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAntiforgery();
        app.Use(static (http, next) =>
        {
            // Console responses only: API answers keep exactly the headers they had.
            if (IsConsolePath(http.Request.Path))
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            return next(http);
        });

        var console = app.MapGroup("/console").ExcludeFromDescription();
        console.MapGet("/assets/{name}", (string name, HttpContext http, ConsoleAssets assets) => assets.Serve(name, http));
        console.MapGet("/jobs/{id}/content", ContentAsync);
        console.MapGet("/live", LiveAsync);
        console.MapGet("/usage.csv", UsageCsvAsync);
        app.MapPost("/sign-out", SignOutAsync).ExcludeFromDescription();

        app.MapRazorComponents<App>().ExcludeFromDescription();
        return app;
    }

    private static bool IsConsolePath(PathString path) =>
        path == "/" || path.StartsWithSegments("/jobs") || path.StartsWithSegments("/new") || path.StartsWithSegments("/usage") || path.StartsWithSegments("/sign-in")
        || path.StartsWithSegments("/sign-out") || path.StartsWithSegments("/admin") || path.StartsWithSegments("/console");

    /// <summary>Ends the session (a form in the layout; its antiforgery token is checked here).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, ConsoleSession session)
    {
        try
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        }
        catch (Exception ex) when (ex is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException or IOException)
        {
            // A body that is not a readable form (wrong content type, malformed, cut short) carries no valid token
            // either: the same 400 (found by the fuzz campaign, which got a 500 here).
            return Results.BadRequest();
        }
        await session.SignOutAsync(http);
        return Results.Redirect("/sign-in");
    }

    /// <summary>
    /// A job's result file for the signed-in key (owner or admin): what <c>GET /v1/videos/{id}/content</c> serves, with
    /// the session cookie instead of a Bearer key. Range requests work, so the video element can seek.
    /// </summary>
    private static async Task<IResult> ContentAsync(
        string id, string? variant, bool? download, HttpContext http, ConsoleSession session, JobService jobs, IBlobStore blobs)
    {
        if (await session.CurrentAsync(http) is not { } caller) return Results.Unauthorized();
        variant ??= "min";
        if (variant is not ("raw" or "min" or "poster")) return Results.NotFound();
        var job = await jobs.GetAsync(id, caller, http.RequestAborted);
        if (job?.Outputs?.Get(variant) is not { } output) return Results.NotFound();
        var info = await blobs.StatAsync(output.BlobKey, http.RequestAborted);
        if (info is null) return Results.NotFound();
        var etag = new EntityTagHeaderValue(info.ETag.StartsWith('"') ? info.ETag : $"\"{info.ETag}\"");
        http.Response.Headers.CacheControl = "private, max-age=3600";
        var fileName = $"{job.Id}-{variant}{(variant == "poster" ? ".jpg" : ".mp4")}";
        http.Response.Headers.ContentDisposition = $"{(download == true ? "attachment" : "inline")}; filename=\"{fileName}\"";
        return BlobResults.Serve(blobs, info, etag);
    }

    /// <summary>
    /// <c>GET /console/usage.csv?group_by=day|model|key&amp;from=&amp;to=&amp;key=</c>: the usage CSV of <c>GET /v1/usage</c> with the
    /// session cookie. A user key gets its own usage whatever it asks for; an admin every key's, or the one named by <c>key</c>.
    /// </summary>
    private static async Task<IResult> UsageCsvAsync(
        string? group_by, string? from, string? to, string? key, HttpContext http, ConsoleSession session, ICreditStore credits, TimeProvider time)
    {
        if (await session.CurrentAsync(http) is not { } caller) return Results.Unauthorized();
        var errors = new FieldErrors();
        var query = UsageRequest.Read(from, to, group_by, UsageScope.KeyFilter(caller, key), time.GetUtcNow(), errors);
        if (query is null) return Results.ValidationProblem(errors.ToDictionary());
        var rows = await credits.UsageAsync(query, http.RequestAborted);
        var name = $"reelay-usage-{UsageCsv.GroupColumn(query.GroupBy).Replace("_id", "", StringComparison.Ordinal)}.csv";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(UsageCsv.Write(query.GroupBy, rows), "text/csv; charset=utf-8");
    }

    /// <summary>
    /// <c>GET /console/live?ids=a,b,c</c>: server-sent events with the status and progress of the listed jobs the key may
    /// see, one <c>job</c> event per change, ending when all are finished. Reads the store, so changes made on any node appear.
    /// </summary>
    private static async Task LiveAsync(string? ids, HttpContext http, ConsoleSession session, JobService jobs, JobChangeNotifier notifier, TimeProvider time)
    {
        var ct = http.RequestAborted;
        if (await session.CurrentAsync(http) is not { } caller)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).Take(MaxLiveJobs).ToList();

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(ct);

        var sent = new Dictionary<string, (JobStatus, int)>(StringComparer.Ordinal);
        var lastWrite = time.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested && wanted.Count > 0)
            {
                foreach (var id in wanted.ToList())
                {
                    var job = await jobs.GetAsync(id, caller, ct);
                    if (job is null)
                    {
                        wanted.Remove(id);
                        continue;
                    }
                    if (!sent.TryGetValue(id, out var last) || last != (job.Status, job.Progress))
                    {
                        sent[id] = (job.Status, job.Progress);
                        await http.Response.WriteAsync($"event: job\ndata: {JsonSerializer.Serialize(LiveJob.Of(job), ConsoleJson.Default.LiveJob)}\n\n", ct);
                        lastWrite = time.GetUtcNow();
                    }
                    if (job.Status.IsTerminal()) wanted.Remove(id);
                }
                await http.Response.Body.FlushAsync(ct);
                if (wanted.Count == 0) break;
                if (time.GetUtcNow() - lastWrite >= KeepAlive)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    lastWrite = time.GetUtcNow();
                }
                await notifier.WaitAsync(wanted[0], Repoll, time, ct);
            }
            await http.Response.WriteAsync("event: end\ndata: {}\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed.
        }
    }
}
