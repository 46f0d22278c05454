using Reelay.Storage;
using Reelay.Storage.Blobs;

namespace Reelay.Api;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: the store and blob store are reachable and
/// the engine's tools are present; 503 with the failing checks otherwise (load balancers stop routing here).
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok", "text/plain")).WithTags("Health").ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).WithTags("Health").ExcludeFromDescription();
        return app;
    }

    /// <summary>A dependency that does not answer within this is reported failing (a hung database must not hang probes).</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private static async Task<IResult> ReadyAsync(IJobStore store, IBlobStore blobs, IEnumerable<IReadinessCheck> checks, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(CheckTimeout);
        var ct = timeout.Token;
        // Concurrently, each within the same bound: one hung dependency must not make the others look hung too.
        var named = new List<(string Name, Task<string> Result)>
        {
            ("store", Safe(() => store.PingAsync(ct))),
            ("blobs", Safe(() => blobs.PingAsync(ct))),
        };
        named.AddRange(checks.Select(check => (check.Name, Safe(() => check.IsReadyAsync(ct)))));
        await Task.WhenAll(named.Select(n => n.Result));
        var results = named.ToDictionary(n => n.Name, n => n.Result.Result, StringComparer.Ordinal);
        var ready = results.Values.All(v => v == "ok");
        return Results.Json(new { status = ready ? "ready" : "not_ready", checks = results }, statusCode: ready ? 200 : 503);
    }

    private static async Task<string> Safe(Func<Task<bool>> check)
    {
        try { return await Task.Run(check) ? "ok" : "failing"; }
        catch (OperationCanceledException) { return "failing: no answer within " + CheckTimeout.TotalSeconds + " s"; }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return "failing: " + ex.GetType().Name; }
    }
}
