using Microsoft.Extensions.DependencyInjection;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Scheduling;

public sealed class JobStepRunnerTests
{
    private static readonly JobOutputs Outputs = new(
        new VideoOutput("jobs/x/raw.mp4", "video/mp4", 10, 1, 320, 180, "h264"),
        new VideoOutput("jobs/x/min.mp4", "video/mp4", 5, 1, 320, 180, "h264"),
        new VideoOutput("jobs/x/poster.jpg", "image/jpeg", 2, null, 320, 180, "mjpeg"));

    /// <summary>An engine whose step signals it started, then runs until its token is canceled.</summary>
    private static ScriptedEngine UntilCanceled(TaskCompletionSource started) => new(async (_, _, ct) =>
    {
        started.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        return EngineOutcome.Produced(ResultSource.Stored(Outputs));
    });

    [Fact]
    public async Task RunAsync_SubmittedThenProduced_PollsAtRequestedTimeAndSucceeds()
    {
        var engine = new ScriptedEngine((step, _, _) => Task.FromResult(step == "submit"
            ? EngineOutcome.Submitted("up-1", TimeSpan.FromSeconds(5))
            : EngineOutcome.Produced(ResultSource.Stored(Outputs))));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync();

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var submitted = await world.GetAsync(job.Id);
        Assert.Equal((JobStatus.Running, JobStage.Poll, "up-1"), (submitted.Status, submitted.Stage, submitted.UpstreamRef));
        Assert.Equal(world.Time.GetUtcNow().AddSeconds(5), submitted.NextRunAt);
        Assert.Null(submitted.LeaseToken);
        Assert.Empty(await world.Store.ClaimDueAsync("node-a", world.Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, CancellationToken.None));

        world.Time.Advance(TimeSpan.FromSeconds(5));
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var done = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(Outputs, done.Outputs);
        Assert.Equal(100, done.Progress);
        Assert.Null(done.NextRunAt);
        Assert.Equal(["submit", "poll"], engine.Calls);
        Assert.Equal(["created", "started", "submitted", "succeeded"], await world.EventTypesAsync(job.Id));
    }

    [Fact]
    public async Task RunAsync_RetryableFailure_RetriesWithDoublingBackoff()
    {
        var engine = new ScriptedEngine((_, _, _) => Task.FromResult(EngineOutcome.Failed("engine_failed", "busy", retryable: true)));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync();

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var first = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Running, first.Status);
        Assert.Equal(world.Time.GetUtcNow().AddSeconds(2), first.NextRunAt);

        world.Time.Advance(TimeSpan.FromSeconds(2));
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var second = await world.GetAsync(job.Id);
        Assert.Equal(world.Time.GetUtcNow().AddSeconds(4), second.NextRunAt);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(2, (await world.EventTypesAsync(job.Id)).Count(t => t == "retrying"));
    }

    [Fact]
    public async Task RunAsync_RetryableFailureAfterManyHealthyPolls_RetriesAfterFirstDelay()
    {
        // Eight polls that find the task still running, then one transient failure: the backoff restarts from the
        // first delay (2 s) instead of doubling once per earlier poll (2 s · 2⁸ would outlive most deadlines).
        var polls = 0;
        var engine = new ScriptedEngine((step, _, _) => Task.FromResult(step == "submit"
            ? EngineOutcome.Submitted("up-1", TimeSpan.FromSeconds(1))
            : ++polls <= 8 ? EngineOutcome.Running(10, TimeSpan.FromSeconds(1))
            : EngineOutcome.Failed("upstream_unavailable", "HTTP 503 from upstream", retryable: true)));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync(deadlineIn: TimeSpan.FromHours(1));

        for (var i = 0; i < 9; i++)
        {
            await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
            world.Time.Advance(TimeSpan.FromSeconds(1));
        }
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

        var retried = await world.GetAsync(job.Id);
        Assert.Equal(9, polls);
        Assert.Equal(world.Time.GetUtcNow().AddSeconds(2), retried.NextRunAt);
        Assert.Equal(1, retried.Attempts);
    }

    [Fact]
    public async Task RunAsync_RetryableFailureNearDeadline_RetriedUntilDeadlineThenFailsNamingLastError()
    {
        var engine = new ScriptedEngine((_, _, _) => Task.FromResult(EngineOutcome.Failed("upstream_unavailable", "HTTP 503 from upstream", retryable: true)));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync(deadlineIn: TimeSpan.FromSeconds(1));

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var retrying = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Running, retrying.Status);
        Assert.Equal(retrying.DeadlineAt, retrying.NextRunAt); // backoff (2 s) is cut to the deadline, not turned final

        world.Time.Advance(TimeSpan.FromSeconds(1));
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var failed = await world.GetAsync(job.Id);
        Assert.Equal(JobErrorCodes.DeadlineExceeded, failed.Error!.Code);
        Assert.Contains("HTTP 503 from upstream", failed.Error.Message);
    }

    [Fact]
    public async Task RunAsync_EngineThrows_TreatedAsRetryable()
    {
        var engine = new ScriptedEngine((_, _, _) => throw new IOException("disk hiccup"));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync();
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var after = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Running, after.Status);
        Assert.NotNull(after.NextRunAt);
    }

    [Fact]
    public async Task RunAsync_FinalFailure_FailsWithEngineCode()
    {
        var engine = new ScriptedEngine((_, _, _) => Task.FromResult(EngineOutcome.Failed(JobErrorCodes.ContentRejected, "nsfw")));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync();
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var after = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Failed, after.Status);
        Assert.Equal(new JobError(JobErrorCodes.ContentRejected, "nsfw"), after.Error);
        Assert.Null(after.NextRunAt);
    }

    [Fact]
    public async Task RunAsync_ClaimedAfterDeadline_FailsWithoutCallingEngine()
    {
        var engine = new ScriptedEngine((_, _, _) => Task.FromResult(EngineOutcome.Produced(ResultSource.Stored(Outputs))));
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync(deadlineIn: TimeSpan.FromSeconds(10));
        world.Time.Advance(TimeSpan.FromSeconds(11));
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var after = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Failed, after.Status);
        Assert.Equal(JobErrorCodes.DeadlineExceeded, after.Error!.Code);
        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesDuringStep_StepCanceledAndJobFailed()
    {
        var started = new TaskCompletionSource();
        var engine = UntilCanceled(started);
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync(deadlineIn: TimeSpan.FromSeconds(60));
        var run = world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        world.Time.Advance(TimeSpan.FromSeconds(61));
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Failed, after.Status);
        Assert.Equal(JobErrorCodes.DeadlineExceeded, after.Error!.Code);
    }

    /// <summary>
    /// Regression (crash campaign): the job is canceled on another node while this one ingests; the success write then
    /// loses, and the result files it had just stored must not stay behind, referenced by nothing.
    /// </summary>
    [Fact]
    public async Task RunAsync_CanceledElsewhereWhileIngesting_LeavesNoResultFiles()
    {
        using var media = new TempDirectory("reelay-leftovers");
        var video = TestMedia.Video(media.File("result.mp4"), 320, 180, 1, audio: false);
        SchedulerWorld? world = null;
        var engine = new ScriptedEngine(async (_, context, _) =>
        {
            // A cancel committed by another node: straight to the store, so this node's step is not woken.
            var transitions = world!.Services.GetRequiredService<JobTransitions>();
            var cancel = transitions.Cancel(context.Job, world.Time.GetUtcNow());
            Assert.NotNull(await world.Store.TryUpdateAsync(cancel.Job with { Version = context.Job.Version }, null, cancel.Events, cancel.Webhooks, cancel.Ledger,
                CancellationToken.None));
            return EngineOutcome.Produced(ResultSource.File(video));
        });
        await using (world = new SchedulerWorld(engine))
        {
            var job = await world.CreateAsync();

            await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

            Assert.Equal(JobStatus.Canceled, (await world.GetAsync(job.Id)).Status);
            var blobs = world.Services.GetRequiredService<IBlobStore>();
            foreach (var name in new[] { "raw.mp4", "min.mp4", "poster.jpg" }) Assert.Null(await blobs.StatAsync($"jobs/{job.Id}/{name}", CancellationToken.None));
        }
    }

    [Fact]
    public async Task RunAsync_ShutdownDuringStep_ReleasesLeaseForImmediateReclaim()
    {
        var started = new TaskCompletionSource();
        var engine = UntilCanceled(started);
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync();
        using var stopping = new CancellationTokenSource();
        var run = world.Runner.RunAsync(await world.ClaimAsync(job.Id), stopping.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await world.GetAsync(job.Id);
        Assert.Equal(JobStatus.Running, after.Status);
        Assert.Null(after.LeaseOwner);
        Assert.Equal(world.Time.GetUtcNow(), after.NextRunAt);
        var reclaimed = await world.Store.ClaimDueAsync("node-b", world.Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, CancellationToken.None);
        Assert.Single(reclaimed);
    }

    [Fact]
    public async Task RunAsync_LongStep_LeaseRenewedSoOthersCannotClaim()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var engine = new ScriptedEngine(async (_, _, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            return EngineOutcome.Produced(ResultSource.Stored(Outputs));
        });
        await using var world = new SchedulerWorld(engine);
        var job = await world.CreateAsync();
        var run = world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Step through 95 s of a 30 s lease in 5 s moves: renewals (every 10 s) keep it alive.
        for (var i = 0; i < 19; i++)
        {
            world.Time.Advance(TimeSpan.FromSeconds(5));
            // The keeper renews on the thread pool once the fake clock passes its renewal time; a loaded runner (the suites
            // run side by side in CI) can take seconds to schedule it, so the wait is generous and blocks no pool thread.
            await Eventually.TrueAsync(async () => (await world.Store.GetAsync(job.Id, CancellationToken.None))!.LeaseUntil > world.Time.GetUtcNow(),
                "lease renewed", TimeSpan.FromSeconds(30));
            Assert.Empty(await world.Store.ClaimDueAsync("node-b", world.Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        }
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(JobStatus.Succeeded, (await world.GetAsync(job.Id)).Status);
    }
}
