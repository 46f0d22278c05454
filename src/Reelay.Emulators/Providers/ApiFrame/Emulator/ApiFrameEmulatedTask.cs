using Reelay.Providers.ApiFrame.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// One task of the APIFrame emulator. Its whole life is fixed at submit time, so its status at any instant is
/// computed, never stored: <c>pending</c>, then <c>processing</c> with a growing percentage (a string, as APIFrame
/// shows it), then <c>finished</c> (percentage the number 100, <c>video_url</c>) or <c>failed</c> (<c>message</c>).
/// </summary>
internal sealed class ApiFrameEmulatedTask : TimedTask
{
    public const string ContentRejectedMessage = "Generation failed: the prompt or image was flagged by content moderation (emulated fault)";
    public const string FailedMessage = "Generation failed: internal error while rendering the video (emulated fault)";

    public required ApiFrameImagineRequest Request { get; init; }

    public ApiFrameTask At(DateTimeOffset now, Func<ApiFrameEmulatedTask, string> resultUrl)
    {
        if (now < StartsAt)
            return new ApiFrameTask { TaskId = Id, Status = ApiFrameStatuses.Pending, Percentage = ApiFramePercentage.Text(0) };
        if (now < EndsAt)
        {
            var done = DoneAt(now);
            return new ApiFrameTask { TaskId = Id, Status = ApiFrameStatuses.Processing, Percentage = ApiFramePercentage.Text((int)Math.Clamp(done * 100, 1, 99)) };
        }
        return Outcome == EmulatedOutcome.Succeed
            ? new ApiFrameTask { TaskId = Id, Status = ApiFrameStatuses.Finished, Percentage = ApiFramePercentage.Number(100), VideoUrl = resultUrl(this) }
            : new ApiFrameTask
            {
                TaskId = Id,
                Status = ApiFrameStatuses.Failed,
                Message = Outcome == EmulatedOutcome.ContentRejected ? ContentRejectedMessage : FailedMessage,
            };
    }
}
