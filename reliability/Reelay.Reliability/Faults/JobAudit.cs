using System.Diagnostics;
using System.Text.Json;

namespace Reelay.Reliability.Faults;

/// <summary>
/// After a scenario: every acknowledged job must reach a terminal state within the bound, in a state the fault allows
/// (completed; or failed with a clear reason where the fault makes failing legitimate), and every completed job's raw
/// video must download whole (its declared size, and ffprobe reads it to the end).
/// </summary>
public static class JobAudit
{
    public sealed record Result(int Jobs, int Completed, int Failed, int Lost, int WrongTerminal, int HalfWrittenServed, IReadOnlyList<string> Findings,
        IReadOnlyDictionary<string, int> FailureCodes);

    public static async Task<Result> RunAsync(HttpClient http, IReadOnlyList<string> ids, bool mayFail, TimeSpan deadline, CancellationToken ct)
    {
        var findings = new List<string>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        int completed = 0, failed = 0, lost = 0, wrong = 0, half = 0;
        var until = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        foreach (var id in ids)
        {
            var (job, last) = await WaitTerminalAsync(http, id, until, ct);
            if (job is null)
            {
                lost++;
                Note(findings, $"job {id} not terminal (or gone) within {deadline.TotalSeconds:0} s of the repair; last seen: {last}");
                continue;
            }
            var root = job.RootElement;
            var status = root.GetProperty("status").GetString();
            if (status == "completed")
            {
                completed++;
                if (await VerifyRawAsync(http, id, root, ct) is { } broken)
                {
                    half++;
                    Note(findings, $"job {id}: {broken}");
                }
            }
            else if (status == "failed")
            {
                failed++;
                var error = root.GetProperty("error");
                var code = error.ValueKind == JsonValueKind.Object ? error.GetProperty("code").GetString() ?? "" : "";
                var message = error.ValueKind == JsonValueKind.Object ? error.GetProperty("message").GetString() ?? "" : "";
                codes[code] = codes.GetValueOrDefault(code) + 1;
                if (!mayFail || string.IsNullOrWhiteSpace(message))
                {
                    wrong++;
                    Note(findings, $"job {id} failed ({code}: {message}) where the fault should not fail it");
                }
            }
            else
            {
                wrong++;
                Note(findings, $"job {id} ended {status}");
            }
            job.Dispose();
        }
        return new Result(ids.Count, completed, failed, lost, wrong, half, findings, codes);
    }

    /// <summary>The terminal job, or null and the last answer seen.</summary>
    private static async Task<(JsonDocument? Job, string Last)> WaitTerminalAsync(HttpClient http, string id, long until, CancellationToken ct)
    {
        var last = "nothing";
        while (true)
        {
            try
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bound.CancelAfter(TrickleLoad.HangBound);
                using var response = await http.GetAsync($"/v1/videos/{id}", bound.Token);
                var text = await response.Content.ReadAsStringAsync(bound.Token);
                last = $"{(int)response.StatusCode} {(text.Length > 300 ? text[..300] : text)}";
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return (null, last);
                if (response.IsSuccessStatusCode)
                {
                    var doc = JsonDocument.Parse(text);
                    if (doc.RootElement.GetProperty("status").GetString() is "completed" or "failed" or "canceled") return (doc, last);
                    doc.Dispose();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // Still recovering; ask again.
            }
            if (Stopwatch.GetTimestamp() > until) return (null, last);
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Null when the raw video is served whole; else what is wrong with it.</summary>
    private static async Task<string?> VerifyRawAsync(HttpClient http, string id, JsonElement job, CancellationToken ct)
    {
        if (!job.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object ||
            !outputs.TryGetProperty("raw", out var raw) || raw.ValueKind != JsonValueKind.Object)
            return null; // Nothing claimed (e.g. a benchmark-only engine), nothing to serve half-written.
        var declared = raw.TryGetProperty("bytes", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64() : -1;
        var file = Path.Combine(Path.GetTempPath(), $"reelay-faults-audit-{Guid.NewGuid():N}.mp4");
        try
        {
            using (var response = await http.GetAsync($"/v1/videos/{id}/content?variant=raw", HttpCompletionOption.ResponseHeadersRead, ct))
            {
                if (!response.IsSuccessStatusCode) return $"raw content answered {(int)response.StatusCode} for a completed job";
                await using var target = File.Create(file);
                await response.Content.CopyToAsync(target, ct);
            }
            var length = new FileInfo(file).Length;
            if (declared >= 0 && length != declared) return $"raw content is {length} bytes, the job declares {declared}";
            return await ProbeAsync(file, ct) is { } error ? $"raw content does not decode: {error}" : null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Decodes the whole file (ffmpeg to null); null when clean, else ffmpeg's complaint.</summary>
    private static async Task<string?> ProbeAsync(string file, CancellationToken ct)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-nostdin", "-i", file, "-f", "null", "-" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var errors = (await stderr).Trim();
        return process.ExitCode == 0 && errors.Length == 0 ? null : $"exit {process.ExitCode} {errors[..Math.Min(200, errors.Length)]}";
    }

    private static void Note(List<string> findings, string text)
    {
        if (findings.Count < 20) findings.Add(text);
    }
}
