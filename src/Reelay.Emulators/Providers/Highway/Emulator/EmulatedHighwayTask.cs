using System.Globalization;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.Highway.Emulator;

/// <summary>
/// One task of the Highway emulator. Its whole life is fixed at creation, so its state at any instant — status,
/// eta, progress_percent — is computed, never stored.
/// </summary>
internal sealed class EmulatedHighwayTask : TimedTask
{
    public const string ContentRejectedReason = "content moderation: the request was flagged as NSFW and rejected (emulated fault)";
    public const string FailedReason = "video generation failed: internal inference error (emulated fault)";

    public required string TaskType { get; init; }
    public required VideoRequest Request { get; init; }

    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? HighwayTaskStatus.Queued
        : now < EndsAt ? HighwayTaskStatus.Processing
        : Outcome == EmulatedOutcome.Succeed ? HighwayTaskStatus.Succeed
        : HighwayTaskStatus.Failed;

    /// <summary>The task result at <paramref name="now"/>; <paramref name="resultUrl"/> links the video once it succeeded.</summary>
    public HighwayTaskResult At(DateTimeOffset now, Func<EmulatedHighwayTask, string> resultUrl, TimeSpan urlTtl)
    {
        var status = StatusAt(now);
        var (eta, progress) = status switch
        {
            HighwayTaskStatus.Queued => ((int)Math.Ceiling((EndsAt - now).TotalSeconds), 0),
            HighwayTaskStatus.Processing => ((int)Math.Ceiling((EndsAt - now).TotalSeconds), (int)Math.Floor(100 * DoneAt(now))),
            HighwayTaskStatus.Succeed => (0, 100),
            _ => (0, 0),
        };
        var reason = status != HighwayTaskStatus.Failed ? "" : Outcome == EmulatedOutcome.ContentRejected ? ContentRejectedReason : FailedReason;
        IReadOnlyList<HighwayVideo> videos = status == HighwayTaskStatus.Succeed
            ? [new HighwayVideo(resultUrl(this), Math.Max(0, (long)(EndsAt + urlTtl - now).TotalSeconds).ToString(CultureInfo.InvariantCulture), "mp4")]
            : [];
        var debug = new HighwayDebugInfo("", Ms(SubmittedAt), now >= StartsAt ? Ms(StartsAt) : "", now >= EndsAt ? Ms(EndsAt) : "");
        return new HighwayTaskResult(new HighwayExtra("", debug), new HighwayTask(Id, TaskType, status, reason, eta, progress), [], videos, []);
    }

    private static string Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
