using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Reelay.Accounts;
using Reelay.Api.Native;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Bench.Diagnostics;

/// <summary>
/// Stopwatch breakdown of what GET /v1/videos/{id} does per request, stage by stage, called directly on the
/// server's own services from one thread (no HTTP): authenticate the token, read the row, map it to the native
/// object (signed links), serialize, encode. Used to find where a miss in B2 comes from.
/// </summary>
public static class ReadPathBreakdown
{
    public sealed record Stage(string Name, double MicrosPerCall);

    public static async Task<IReadOnlyList<Stage>> MeasureAsync(IServiceProvider services, string token, string[] ids, string baseUrl, int iterations, CancellationToken ct)
    {
        var authenticator = services.GetRequiredService<ApiKeyAuthenticator>();
        var jobs = services.GetRequiredService<JobService>();
        var store = services.GetRequiredService<IJobStore>();
        var mapper = services.GetRequiredService<NativeVideoMapper>();
        var header = "Bearer " + token;
        var caller = await authenticator.AuthenticateTokenAsync(header, ct) ?? throw new InvalidOperationException("bench key rejected");
        var job = await store.GetAsync(ids[0], ct) ?? throw new InvalidOperationException("stored job missing");
        var video = mapper.ToNative(job, baseUrl);
        var json = JsonSerializer.Serialize(video, NativeJsonContext.Default.NativeVideo);

        var stages = new List<Stage>
        {
            await TimeAsync("authenticate token (cached key, hash compare)", iterations, async i => await authenticator.AuthenticateTokenAsync(header, ct)),
            await TimeAsync("IJobStore.GetAsync (SQLite read + JSON columns)", iterations, async i => await store.GetAsync(ids[i % ids.Length], ct)),
            await TimeAsync("JobService.GetAsync (store + ownership)", iterations, async i => await jobs.GetAsync(ids[i % ids.Length], caller, ct)),
            await TimeAsync("NativeVideoMapper.ToNative (3 signed links)", iterations, i => Task.FromResult<object?>(mapper.ToNative(job, baseUrl))),
            await TimeAsync("serialize NativeVideo to string", iterations, i => Task.FromResult<object?>(JsonSerializer.Serialize(video, NativeJsonContext.Default.NativeVideo))),
            await TimeAsync("UTF-8 encode the body", iterations, i => Task.FromResult<object?>(Encoding.UTF8.GetBytes(json))),
        };
        stages.Add(new Stage($"response body size: {Encoding.UTF8.GetByteCount(json):N0} bytes", 0));
        return stages;
    }

    private static async Task<Stage> TimeAsync(string name, int iterations, Func<int, Task<object?>> call)
    {
        for (var i = 0; i < Math.Min(2_000, iterations); i++) await call(i);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++) await call(i);
        return new Stage(name, Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations);
    }
}
