using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Scheduling;

/// <summary>
/// Watches the wall clock once a second for steps back. Every "later" Reelay stores (a job's next step, a webhook's next
/// attempt) was written against the clock of its moment, so after a step back of Δ it lies Δ further ahead than meant:
/// this service moves those times back by Δ and wakes the scheduler and the dispatcher, so the work runs when it was
/// meant to instead of Δ late. A step commit that read the clock before the step but landed after the move is caught by
/// a second move <see cref="Settle"/> later, of only the times that still lie about Δ ahead. Steps beyond <see cref="ScheduleHorizon"/> are also caught by the stores without it (and
/// survive a restart); this covers the shorter ones. A step forward needs nothing: stored times then fall due early,
/// which every step tolerates. Moving is safe to repeat: at worst work runs early, never twice (leases fence it).
/// </summary>
public sealed partial class ClockStepWatch(
    IJobStore jobs,
    IWebhookOutbox outbox,
    SchedulerSignal scheduler,
    WebhookSignal webhooks,
    TimeProvider time,
    ILogger<ClockStepWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Longer than any commit in flight takes: after it, no write still carries a time read before the step.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var detector = new ClockStepDetector(time.GetUtcNow(), time.GetTimestamp(), time.TimestampFrequency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Every, time, stoppingToken);
                if (detector.Observe(time.GetUtcNow(), time.GetTimestamp()) is not { } step) continue;
                if (step > TimeSpan.Zero)
                {
                    LogSteppedForward(logger, step.TotalSeconds);
                    continue;
                }
                if (!await MoveScheduleAsync(time.GetUtcNow(), step, stoppingToken)) continue;
                // A time written with the old clock after the move lies Δ + its wait ahead, less the settle that passed
                // since; every time written with the new clock (or moved) lies its wait ahead. Moving the ones beyond Δ
                // less the settle (and a second of slack) again errs only towards early: a legitimate wait that long runs early.
                await Task.Delay(Settle, time, stoppingToken);
                await MoveScheduleAsync(time.GetUtcNow() - step - Settle - Every, step, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Moves every stored time later than <paramref name="after"/> by <paramref name="step"/>; false when the store failed.</summary>
    private async Task<bool> MoveScheduleAsync(DateTimeOffset after, TimeSpan step, CancellationToken ct)
    {
        try
        {
            var movedJobs = await jobs.ShiftScheduleAsync(after, step, ct);
            var movedMessages = await outbox.ShiftScheduleAsync(after, step, ct);
            LogSteppedBack(logger, -step.TotalSeconds, movedJobs, movedMessages);
            scheduler.Kick();
            webhooks.Kick();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is down: the work is then delayed by the step at most (or not at all beyond the horizon).
            LogMoveFailed(logger, ex);
            return false;
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning,
        Message = "The wall clock stepped back by {Seconds:0.#} s; moved {Jobs} scheduled job steps and {Messages} webhook attempts earlier by as much")]
    private static partial void LogSteppedBack(ILogger logger, double seconds, int jobs, int messages);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "The wall clock stepped forward by {Seconds:0.#} s; scheduled work falls due early")]
    private static partial void LogSteppedForward(ILogger logger, double seconds);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Moving the schedule after a clock step failed; affected work runs late by up to the step")]
    private static partial void LogMoveFailed(ILogger logger, Exception ex);
}
