using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelay.Bench.Servers;
using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Crash;

/// <summary>
/// Time from restart to resumed work, at the shipped lease (30 s): a <c>reelay serve</c> on SQLite renders local jobs,
/// is SIGKILLed while they render, and is started again on the same data directory. A node that comes back under its
/// previous name takes its leases back at start, so the jobs it held finish well inside the lease they held; without
/// that they would wait for it to expire.
/// </summary>
public static class RestartResumeProbe
{
    private const int Jobs = 2;
    private static readonly TimeSpan ShippedLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(15);

    public static async Task<(IReadOnlyList<Figure> Figures, string Detail)> RunAsync(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("reelay-restart-").FullName;
        var dll = Path.Combine(AppContext.BaseDirectory, "reelay.dll");
        var settings = new Dictionary<string, string> { ["Reelay:Scheduler:MaxConcurrency"] = Jobs.ToString(CultureInfo.InvariantCulture) };
        try
        {
            string token;
            var ids = new List<string>();
            var first = await ReelayServeProcess.StartAsync(dll, dataDir, ReelayServeProcess.FreePort(), settings, ct);
            try
            {
                token = first.AdminToken() ?? throw new InvalidOperationException("no admin key printed:\n" + first.Output);
                using var http = Client(first.BaseAddress, token);
                for (var i = 0; i < Jobs; i++)
                {
                    using var created = await http.PostAsync("/v1/videos",
                        new StringContent($$"""{"model":"local","prompt":"restart probe {{i}}","duration":8,"mode":"pro"}""", Encoding.UTF8, "application/json"), ct);
                    created.EnsureSuccessStatusCode();
                    ids.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetString()!);
                }
                foreach (var id in ids) await WaitAsync(http, id, s => s == "in_progress", TimeSpan.FromSeconds(60), ct);
            }
            finally
            {
                await first.DisposeAsync(); // SIGKILL, while both render
            }

            await using var second = await ReelayServeProcess.StartAsync(dll, dataDir, ReelayServeProcess.FreePort(), settings, ct);
            var restarted = Stopwatch.StartNew();
            using var again = Client(second.BaseAddress, token);
            var resumed = new List<TimeSpan>();
            foreach (var id in ids)
            {
                var status = await WaitAsync(again, id, s => s is "completed" or "failed" or "canceled", TimeSpan.FromSeconds(120), ct);
                resumed.Add(status == "completed" ? restarted.Elapsed : TimeSpan.MaxValue);
            }
            var worst = resumed.Max();
            var shown = worst == TimeSpan.MaxValue ? "a job did not complete" : string.Create(CultureInfo.InvariantCulture, $"{worst.TotalSeconds:0.0} s");
            var figures = new List<Figure>
            {
                new("restart → every job rendering at the kill completed (shipped 30 s lease)", shown, $"≤ {Target.TotalSeconds:0} s", worst <= Target),
            };
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"Restart probe: `reelay serve` on SQLite with the shipped scheduler settings (lease {ShippedLease.TotalSeconds:0} s), {Jobs} local 8-second 1080p jobs " +
                $"rendering at the SIGKILL, started again on the same data dir; the clock runs from the second start's /healthz. Jobs completed {string.Join(", ", resumed.Select(r => r == TimeSpan.MaxValue ? "never" : $"{r.TotalSeconds:0.0} s"))} after it.");
            return (figures, detail);
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<string> WaitAsync(HttpClient http, string id, Func<string, bool> done, TimeSpan bound, CancellationToken ct)
    {
        var until = Stopwatch.StartNew();
        var status = "";
        while (until.Elapsed < bound)
        {
            using var response = await http.GetAsync($"/v1/videos/{id}", ct);
            if (response.IsSuccessStatusCode)
            {
                status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("status").GetString() ?? "";
                if (done(status)) return status;
            }
            await Task.Delay(100, ct);
        }
        return status;
    }

    private static HttpClient Client(Uri server, string token)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
