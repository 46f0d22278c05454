using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Providers.Kling.Emulator;
using Reelay.Storage;

namespace Reelay.Reliability.Crash;

/// <summary>
/// The crash campaign's invariants, checked once everything has settled after the last restart: through the API
/// (each job's state, its served blobs, its webhooks) while the server runs, then on the store and the data
/// directory (ledger, orphan files) once it is stopped.
/// </summary>
public sealed class CrashVerifier(CrashTally tally, KlingEmulator emulator, WebhookReceiver receiver, Random random)
{
    public const string NotTerminal = "jobs not in a terminal state";
    public const string WrongTerminal = "jobs in a wrong terminal state";
    public const string SubmittedTwice = "upstream tasks created twice for one job";
    public const string Missing = "jobs acknowledged (201) but missing";
    public const string WebhookMissing = "terminal jobs without a delivered, signed terminal webhook";
    public const string BalanceMismatch = "keys whose balance ≠ ledger sum";
    public const string LedgerWrong = "jobs without exactly one reservation and one settle/refund";
    public const string BadBlob = "served blobs truncated or not valid media";
    public const string Orphan = "orphan or partial files in the blob store";
    public const string WorkLeft = "work directories left for finished jobs";

    private static readonly string[] Variants = ["raw", "min", "poster"];

    /// <summary>Checks every job through the API: state, blobs (GET every output; decode a sample), upstream submissions, webhooks.</summary>
    public async Task CheckServedAsync(HttpClient http, IReadOnlyCollection<string> jobIds, IReadOnlySet<string> acknowledged, IReadOnlySet<string> cancelAcknowledged,
        int probeSample, CancellationToken ct)
    {
        var rejected = emulator.Timelines().Where(t => t.ContentRejected && t.ExternalTaskId is not null).Select(t => t.ExternalTaskId!).ToHashSet(StringComparer.Ordinal);
        var probeLeft = probeSample;
        foreach (var id in jobIds.Order(StringComparer.Ordinal))
        {
            using var response = await http.GetAsync($"/v1/videos/{id}", ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                if (acknowledged.Contains(id)) tally.Violation(Missing, id);
                continue;
            }
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var video = doc.RootElement;
            var status = video.GetProperty("status").GetString();
            var submissions = emulator.SubmissionsFor(id);
            if (submissions > 1) tally.Violation(SubmittedTwice, $"{id}: {submissions} upstream tasks");
            switch (status)
            {
                case "completed":
                    Interlocked.Increment(ref tally.Completed);
                    if (cancelAcknowledged.Contains(id)) tally.Violation(WrongTerminal, $"{id}: completed after its cancel was acknowledged");
                    var probe = probeLeft > 0 && random.Next(4) == 0;
                    if (probe) probeLeft--;
                    await CheckOutputsAsync(http, id, video, probe, ct);
                    break;
                case "failed":
                    Interlocked.Increment(ref tally.Failed);
                    var error = video.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
                    var code = error.ValueKind == JsonValueKind.Object ? error.GetProperty("code").GetString() : null;
                    var message = error.ValueKind == JsonValueKind.Object ? error.GetProperty("message").GetString() : null;
                    if (string.IsNullOrWhiteSpace(message)) tally.Violation(WrongTerminal, $"{id}: failed without a reason");
                    else if (code != JobErrorCodes.ContentRejected || !rejected.Contains(id)) tally.Violation(WrongTerminal, $"{id}: failed with {code} ({message}) though the upstream did not reject it (upstream tasks for this job: {submissions})");
                    if (cancelAcknowledged.Contains(id)) tally.Violation(WrongTerminal, $"{id}: failed after its cancel was acknowledged");
                    break;
                case "canceled":
                    Interlocked.Increment(ref tally.Canceled);
                    break;
                default:
                    tally.Violation(NotTerminal, $"{id}: {status}");
                    continue;
            }
            var expected = status switch { "completed" => "video.completed", "failed" => "video.failed", _ => "video.canceled" };
            if (!receiver.TypesFor(id).Contains(expected)) tally.Violation(WebhookMissing, $"{id}: {status}, received [{string.Join(", ", receiver.TypesFor(id))}]");
        }
    }

    private async Task CheckOutputsAsync(HttpClient http, string id, JsonElement video, bool probe, CancellationToken ct)
    {
        if (!video.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object)
        {
            tally.Violation(WrongTerminal, $"{id}: completed without outputs");
            return;
        }
        foreach (var variant in Variants)
        {
            var output = outputs.GetProperty(variant);
            var url = new Uri(output.GetProperty("url").GetString()!);
            var bytes = output.GetProperty("bytes").GetInt64();
            // Signed links carry the host of the server that answered; the server now listens on another port.
            using var response = await http.GetAsync(url.PathAndQuery, ct);
            Interlocked.Increment(ref tally.BlobsFetched);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                tally.Violation(WrongTerminal, $"{id} {variant}: GET answered {(int)response.StatusCode}");
                continue;
            }
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (body.LongLength != bytes || response.Content.Headers.ContentLength is { } length && length != bytes)
            {
                tally.Violation(BadBlob, $"{id} {variant}: served {body.LongLength} bytes (Content-Length {response.Content.Headers.ContentLength}), metadata says {bytes}");
                continue;
            }
            if (probe)
            {
                Interlocked.Increment(ref tally.BlobsProbed);
                if (await DecodeErrorAsync(body, variant == "poster" ? ".jpg" : ".mp4", ct) is { } problem) tally.Violation(BadBlob, $"{id} {variant}: {problem}");
            }
        }
    }

    /// <summary>Decodes the whole file with ffmpeg (<c>-xerror</c>): a truncated or corrupt file fails.</summary>
    private static async Task<string?> DecodeErrorAsync(byte[] media, string extension, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reelay-crash-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(path, media, ct);
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-xerror", "-i", path, "-f", "null", "-"]) { RedirectStandardError = true })!;
            var errors = await ffmpeg.StandardError.ReadToEndAsync(ct);
            await ffmpeg.WaitForExitAsync(ct);
            return ffmpeg.ExitCode == 0 && errors.Trim().Length == 0 ? null : $"ffmpeg exit {ffmpeg.ExitCode}: {errors.Trim()}";
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every job of <paramref name="ownerKeyId"/> in the store, newest first.</summary>
    public static async Task<IReadOnlyList<VideoJob>> AllJobsAsync(IJobStore store, string ownerKeyId, CancellationToken ct)
    {
        var jobs = new List<VideoJob>();
        string? cursor = null;
        while (true)
        {
            var page = await store.ListAsync(new JobQuery(ownerKeyId, BeforeId: cursor, Limit: 200), ct);
            jobs.AddRange(page);
            if (page.Count < 200) return jobs;
            cursor = page[^1].Id;
        }
    }

    /// <summary>Ledger: every job one reservation and one settle (succeeded) or refund (otherwise); every balance equal to its ledger sum.</summary>
    public async Task CheckLedgerAsync(ICreditStore credits, IReadOnlyList<VideoJob> jobs, CancellationToken ct)
    {
        // A job that never ended is reported as such; its ledger is not closed yet by design.
        foreach (var job in jobs.Where(j => j.Status.IsTerminal()))
        {
            var kinds = (await credits.JobLedgerAsync(job.Id, ct)).Select(e => e.Kind).ToList();
            var closing = job.Status == JobStatus.Succeeded ? LedgerKind.Settle : LedgerKind.Refund;
            if (kinds.Count != 2 || kinds.Count(k => k == LedgerKind.Reserve) != 1 || !kinds.Contains(closing))
                tally.Violation(LedgerWrong, $"{job.Id} ({job.Status}): ledger [{string.Join(", ", kinds)}]");
        }
        foreach (var check in await credits.CheckLedgerAsync(ct))
            if (!check.Matches) tally.Violation(BalanceMismatch, $"key {check.KeyId}: balance {check.Balance} ≠ ledger sum {check.LedgerSum}");
    }

    /// <summary>Files under the blob root that no job references: partial writes a kill left behind, or outputs of nobody.</summary>
    public void CheckOrphans(string blobRoot, IReadOnlyList<VideoJob> jobs)
    {
        if (!Directory.Exists(blobRoot)) return;
        // An unfinished job may be mid-ingest (raw stored, success not yet written): its files are not orphans yet.
        var unfinished = jobs.Where(j => !j.Status.IsTerminal()).Select(j => $"jobs/{j.Id}/").ToList();
        var referenced = jobs.Where(j => j.Outputs is not null)
            .SelectMany(j => new[] { j.Outputs!.Raw.BlobKey, j.Outputs.Min.BlobKey, j.Outputs.Poster.BlobKey })
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(blobRoot, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(blobRoot, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!referenced.Contains(key) && !unfinished.Any(p => key.StartsWith(p, StringComparison.Ordinal))) tally.Violation(Orphan, $"{key} ({new FileInfo(file).Length} bytes)");
        }
    }

    /// <summary>Directories under <c>work/</c> (downloads, transcodes in progress) whose job has finished: nothing will use them again.</summary>
    public void CheckWorkDirectories(string workRoot, IReadOnlyList<VideoJob> jobs)
    {
        if (!Directory.Exists(workRoot)) return;
        var finished = jobs.Where(j => j.Status.IsTerminal()).Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(workRoot))
        {
            var id = Path.GetFileName(dir);
            if (finished.Contains(id))
                tally.Violation(WorkLeft, $"work/{id} ({string.Join(", ", Directory.EnumerateFiles(dir).Select(Path.GetFileName))})");
        }
    }
}
