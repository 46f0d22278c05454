using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// One job set of the emulator (holding one job). Its whole life is fixed at creation, so its status at any instant
/// is computed, never stored.
/// </summary>
internal sealed class EmulatedJobSet : TimedTask
{
    public required VideoRequest Request { get; init; }

    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? HiggsfieldJobStatus.Queued
        : now < EndsAt ? HiggsfieldJobStatus.InProgress
        : Outcome switch
        {
            EmulatedOutcome.Succeed => HiggsfieldJobStatus.Completed,
            EmulatedOutcome.ContentRejected => HiggsfieldJobStatus.Nsfw,
            _ => HiggsfieldJobStatus.Failed,
        };

    /// <summary>The JobSet as it stands at <paramref name="now"/>; <paramref name="resultUrl"/> links the video once completed.</summary>
    public HiggsfieldJobSet At(DateTimeOffset now, Func<EmulatedJobSet, string> resultUrl)
    {
        var status = StatusAt(now);
        HiggsfieldResults? results = null;
        if (status == HiggsfieldJobStatus.Completed)
        {
            var url = resultUrl(this);
            results = new HiggsfieldResults(new HiggsfieldResult("video", url), new HiggsfieldResult("video", url));
        }
        return new HiggsfieldJobSet(Id, HiggsfieldJobSetMapper.FormatTime(SubmittedAt), [new HiggsfieldJob(Id, status, results)]);
    }
}
