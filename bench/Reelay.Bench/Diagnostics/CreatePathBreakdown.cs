using System.Diagnostics;
using System.Text.Json;
using Reelay.Accounts;
using Reelay.Api.Native;
using Reelay.Jobs;

namespace Reelay.Bench.Diagnostics;

/// <summary>
/// Stopwatch breakdown of POST /v1/videos per request, stage by stage, on the server's own services (no HTTP):
/// authenticate, parse + read the native body, validate, create through <see cref="JobService"/> (hash + one
/// SQLite insert), map + serialize the answer. The create is timed one at a time (each waits for its own commit)
/// and with 64 concurrent callers (what group commit can batch). Run against a server whose scheduler is off.
/// </summary>
public static class CreatePathBreakdown
{
    public static async Task<IReadOnlyList<string>> MeasureAsync(IServiceProvider services, string token, byte[] body, int iterations, CancellationToken ct)
    {
        var authenticator = services.GetRequiredService<ApiKeyAuthenticator>();
        var validator = services.GetRequiredService<VideoRequestValidator>();
        var jobs = services.GetRequiredService<JobService>();
        var mapper = services.GetRequiredService<NativeVideoMapper>();
        var header = "Bearer " + token;
        var caller = await authenticator.AuthenticateTokenAsync(header, ct) ?? throw new InvalidOperationException("bench key rejected");
        var request = Read(body);
        var created = await jobs.CreateAsync(new CreateJobCommand(caller.Id, request), ct);
        var job = created.Job ?? throw new InvalidOperationException("create failed");

        var lines = new List<string>
        {
            Format("authenticate", await TimeAsync(iterations, async _ => await authenticator.AuthenticateTokenAsync(header, ct))),
            Format("parse + NativeRequestReader", await TimeAsync(iterations, _ => Task.FromResult<object?>(Read(body)))),
            Format("validate", await TimeAsync(iterations, _ => Task.FromResult<object?>(validator.Validate(request)))),
            Format("JobService.CreateAsync one at a time (hash + insert + commit)",
                await TimeAsync(iterations / 4, async _ => await jobs.CreateAsync(new CreateJobCommand(caller.Id, request), ct))),
            Format("map + serialize the answer", await TimeAsync(iterations, _ => Task.FromResult<object?>(
                JsonSerializer.Serialize(mapper.ToNative(job, "http://127.0.0.1:5000"), NativeJsonContext.Default.NativeVideo)))),
        };

        var concurrent = iterations;
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= concurrent) await jobs.CreateAsync(new CreateJobCommand(caller.Id, request), ct);
        }, ct)));
        lines.Add($"JobService.CreateAsync with 64 concurrent callers {concurrent / clock.Elapsed.TotalSeconds:N0}/s " +
                  $"({clock.Elapsed.TotalMicroseconds / concurrent:0.0} µs per create)");
        return lines;
    }

    private static VideoRequest Read(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return NativeRequestReader.Read(doc.RootElement, new FieldErrors()) ?? throw new InvalidOperationException("body rejected");
    }

    private static string Format(string name, double micros) => $"{name} {micros:0.0} µs";

    private static async Task<double> TimeAsync(int iterations, Func<int, Task<object?>> call)
    {
        for (var i = 0; i < Math.Min(1_000, iterations); i++) await call(i);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++) await call(i);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations;
    }
}
