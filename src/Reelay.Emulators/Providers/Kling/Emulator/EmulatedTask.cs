using Reelay.Emulation;
using System.Globalization;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// One task of the emulator. Its whole life is fixed at submit time (when it starts processing, when it ends, how),
/// so its status at any instant is computed, never stored: no timer or background work per task.
/// </summary>
internal sealed class EmulatedTask : TimedTask
{
    public const string ContentRejectedMessage =
        "Failure to pass the risk control system: the generated content triggered the content security policy (1301)";
    public const string FailedMessage = "Task failed: video generation error (emulated fault)";

    public required string Kind { get; init; }
    public string? ExternalTaskId { get; init; }
    public string? CallbackUrl { get; init; }
    /// <summary>"5" or "10", as requested.</summary>
    public required string Duration { get; init; }
    public required string Mode { get; init; }
    public required string VideoId { get; init; }


    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? KlingTaskStatus.Submitted
        : now < EndsAt ? KlingTaskStatus.Processing
        : Outcome == EmulatedOutcome.Succeed ? KlingTaskStatus.Succeed
        : KlingTaskStatus.Failed;

    public EmulatedTaskTimeline Timeline() =>
        new(Id, ExternalTaskId, SubmittedAt, StartsAt, EndsAt, Outcome == EmulatedOutcome.Succeed, StatusCalls, Outcome == EmulatedOutcome.ContentRejected);

    /// <summary>The create answer's <c>data</c>: no query-only members.</summary>
    public KlingTask Created() => new()
    {
        TaskId = Id,
        TaskStatus = KlingTaskStatus.Submitted,
        TaskInfo = new KlingTaskInfo(ExternalTaskId),
        CreatedAt = SubmittedAt.ToUnixTimeMilliseconds(),
        UpdatedAt = SubmittedAt.ToUnixTimeMilliseconds(),
    };

    /// <summary>The task as a query (or callback) shows it at <paramref name="now"/>; <paramref name="resultUrl"/> links the video.</summary>
    public KlingTask At(DateTimeOffset now, Func<EmulatedTask, string> resultUrl)
    {
        var status = StatusAt(now);
        var updated = status switch
        {
            KlingTaskStatus.Submitted => SubmittedAt,
            KlingTaskStatus.Processing => StartsAt,
            _ => EndsAt,
        };
        var terminal = status is KlingTaskStatus.Succeed or KlingTaskStatus.Failed;
        return new KlingTask
        {
            TaskId = Id,
            TaskStatus = status,
            TaskStatusMsg = status != KlingTaskStatus.Failed ? "" : Outcome == EmulatedOutcome.ContentRejected ? ContentRejectedMessage : FailedMessage,
            TaskInfo = new KlingTaskInfo(ExternalTaskId),
            TaskResult = status == KlingTaskStatus.Succeed
                ? new KlingTaskResult([new KlingVideo(VideoId, resultUrl(this), null, Duration + ".0")])
                : null,
            FinalUnitDeduction = terminal ? UnitsCharged(status) : null,
            CreatedAt = SubmittedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = updated.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>Units as Kling bills them, approximately: 1 per 5 s in std, 3.5 per 5 s in pro; nothing for a failure.</summary>
    private string UnitsCharged(string status)
    {
        if (status != KlingTaskStatus.Succeed) return "0";
        var per5 = Mode == "pro" ? 3.5 : 1.0;
        return (per5 * (Duration == "10" ? 2 : 1)).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
