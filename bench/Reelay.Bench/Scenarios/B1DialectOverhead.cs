using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Security;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B1 through the provider dialects: the same create load (64 closed-loop clients) sent as the native API, as the
/// official Kling API (text2video with an HS256 JWT minted once, as Kling clients reuse tokens) and as APIFrame
/// (raw Authorization token). The scheduler is off so only the request path is compared; each dialect gets a fresh
/// server, runs are interleaved twice and the best of each is kept, to damp drift on a shared machine.
/// Target: each dialect within 15% of native throughput.
/// </summary>
public sealed class B1DialectOverhead : IScenario
{
    private const int Clients = 64;

    public string Id => "B1d";
    public string Title => "create jobs through the Kling and APIFrame dialects vs native (64 clients, SQLite, scheduler off)";

    private sealed record Dialect(string Name, string Path, HttpStatusCode Expected, string Body, Func<ReelayInProcess, Action<HttpRequestMessage>> Auth);

    private static readonly Dialect[] Dialects =
    [
        new("native", "/v1/videos", HttpStatusCode.Created,
            """{"model":"local","prompt":"A red fox running through fresh snow","duration":5}""",
            s => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Key.Token)),
        new("kling", "/v1/videos/text2video", HttpStatusCode.OK,
            """{"model_name":"kling-v1","prompt":"A red fox running through fresh snow","duration":"5"}""",
            s =>
            {
                var jwt = Hs256Jwt.Create(s.Key.Key.Id.ToString(), s.Key.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
                return r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
            }),
        new("apiframe", "/kling-imagine", HttpStatusCode.OK,
            """{"prompt":"A red fox running through fresh snow","generation_type":"text2video","model":"kling-v1","duration":5}""",
            s => r => r.Headers.TryAddWithoutValidation("Authorization", s.Key.Token)),
    ];

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var best = Dialects.ToDictionary(d => d.Name, _ => (LoadResult?)null);
        for (var round = 0; round < 2; round++)
        {
            foreach (var dialect in Dialects)
            {
                var result = await MeasureAsync(dialect, options, ct);
                if (best[dialect.Name] is not { } b || result.PerSecond > b.PerSecond) best[dialect.Name] = result;
            }
        }

        var native = best["native"]!;
        var details = new List<string>
        {
            $"Closed loop, {Clients} clients, {options.LoadDuration.TotalSeconds:0} s after {options.WarmupDuration.TotalSeconds:0} s warm-up, " +
            "fresh server per run (scheduler disabled: the request path alone), two interleaved rounds, best kept.",
        };
        details.AddRange(Dialects.Select(d => $"{d.Name}: `POST {d.Path}` `{d.Body}` → {best[d.Name]!.Summary}."));
        var checks = Dialects.Skip(1).Select(d =>
        {
            var r = best[d.Name]!;
            var ratio = r.PerSecond / native.PerSecond;
            return Check.AtLeast($"{d.Name}: {r.PerSecond:N0} creates/s (p99 {r.P99Ms:0.0} ms)",
                $"native {native.PerSecond:N0}/s (p99 {native.P99Ms:0.0} ms)",
                ratio.ToString("0.00×", CultureInfo.InvariantCulture), "≥ 85% of native", ratio * 100, 85, " points", "0.0");
        }).ToList();
        return new ScenarioResult(Id, Title, checks, details);
    }

    private static async Task<LoadResult> MeasureAsync(Dialect dialect, BenchOptions options, CancellationToken ct)
    {
        var extra = new Dictionary<string, string?> { ["Reelay:Scheduler:Enabled"] = "false" };
        await using var reelay = await ReelayInProcess.StartAsync(ct, extra);
        var auth = dialect.Auth(reelay);
        var body = System.Text.Encoding.UTF8.GetBytes(dialect.Body);
        using var load = new LoadGenerator(reelay.BaseAddress, dialect.Expected, Clients);
        Func<HttpRequestMessage> request = () =>
        {
            var r = new HttpRequestMessage(HttpMethod.Post, dialect.Path) { Content = new ByteArrayContent(body) };
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            auth(r);
            return r;
        };
        await load.ClosedLoopAsync(request, Clients, options.WarmupDuration, ct);
        return await load.ClosedLoopAsync(request, Clients, options.LoadDuration, ct);
    }
}
