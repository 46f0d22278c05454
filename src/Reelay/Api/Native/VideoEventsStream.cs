using System.Globalization;
using System.Text.Json;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Api.Native;

/// <summary>
/// <c>GET /v1/videos/{id}/events</c>: the job's timeline as server-sent events, from the start or after
/// <c>Last-Event-ID</c>, live until a terminal event. Reads the store, so events from any node appear.
/// Written by hand rather than with <c>TypedResults.ServerSentEvents</c>: .NET 10's SSE formatter cannot write a
/// comment line, and the <c>: keep-alive</c> comment every 15 s is what keeps idle proxies (nginx) from cutting the
/// stream without clients seeing an event (dotnet/aspnetcore#65103, dotnet/runtime#121027, both open).
/// </summary>
public static class VideoEventsStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Repoll = TimeSpan.FromMilliseconds(500);

    public static async Task StreamAsync(string id, HttpContext http, JobService jobs, IJobStore store, JobChangeNotifier notifier, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var job = await jobs.GetAsync(id, http.Caller(), ct);
        if (job is null)
        {
            await Problems.NotFound($"Video '{id}'").ExecuteAsync(http);
            return;
        }

        long after = 0;
        if (long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)) after = last;

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(ct);

        var lastWrite = time.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var events = await store.GetEventsAsync(id, after, ct);
                var ended = false;
                foreach (var e in events)
                {
                    var data = JsonSerializer.Serialize(
                        new NativeJobEvent(e.JobId, e.Type, e.Status.ToNativeName(), e.Progress, e.At.ToUnixTimeSeconds()),
                        NativeJsonContext.Default.NativeJobEvent);
                    await http.Response.WriteAsync($"id: {e.Sequence}\nevent: {e.Type}\ndata: {data}\n\n", ct);
                    after = e.Sequence;
                    ended |= e.Status.IsTerminal();
                }
                if (events.Count > 0)
                {
                    await http.Response.Body.FlushAsync(ct);
                    lastWrite = time.GetUtcNow();
                }
                if (ended) return;
                if (time.GetUtcNow() - lastWrite >= KeepAlive)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    lastWrite = time.GetUtcNow();
                }
                await notifier.WaitAsync(id, Repoll, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Client went away.
        }
    }
}
