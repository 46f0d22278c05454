using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// One job set of the emulator (holding one job). Its whole life is fixed at creation, so its status at any instant
/// is computed, never stored.
/// </summary>
internal sealed class EmulatedJobSet
{
    private int _statusCalls;

    public required string Id { get; init; }
    public required VideoRequest Request { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ProcessingAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required EmulatedOutcome Outcome { get; init; }

    public int StatusCalls => Volatile.Read(ref _statusCalls);

    public void CountStatusCall() => Interlocked.Increment(ref _statusCalls);

    public string StatusAt(DateTimeOffset now) =>
        now < ProcessingAt ? HiggsfieldJobStatus.Queued
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
        return new HiggsfieldJobSet(Id, HiggsfieldJobSetMapper.FormatTime(CreatedAt), [new HiggsfieldJob(Id, status, results)]);
    }
}
