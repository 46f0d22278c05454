using Microsoft.Extensions.DependencyInjection;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Upstreams;

namespace Reelay.Tests.Scheduling;

/// <summary>Routing, failover, concurrency holds and crash-safe submission, with scripted upstreams on a manual clock.</summary>
public sealed class UpstreamRoutingTests
{
    private static UpstreamDefinition Upstream(string name, int priority, int max = 10) => new()
    {
        Name = name, Type = "scripted", BaseUrl = "https://example.invalid", AccessKey = "a", SecretKey = "s",
        Priority = priority, MaxConcurrentJobs = max, Models = ["kling-v1"], BreakDuration = TimeSpan.FromSeconds(30),
    };

    private static SchedulerWorld World(params UpstreamDefinition[] upstreams) =>
        new(new ScriptedEngine((_, _, _) => Task.FromResult(EngineOutcome.Failed("x", "unused"))), upstreams);

    [Fact]
    public void Choose_ModelServedByUpstreams_PicksHighestPriorityElseDefault()
    {
        using var _ = new Disposer(World(Upstream("b", 2), Upstream("a", 1)), out var world);
        var router = world.Services.GetRequiredService<UpstreamRouter>();
        Assert.Equal("a", router.Choose(new VideoRequest { Model = "kling-v1", Prompt = "p" }));
        Assert.Equal("local", router.Choose(new VideoRequest { Model = "local", Prompt = "p" }));
        Assert.Equal("b", router.NextAfter("a", new VideoRequest { Model = "kling-v1", Prompt = "p" }));
    }

    [Fact]
    public async Task RunAsync_UpstreamSubmit_IntentPersistedBeforeTheCall()
    {
        await using var world = World(Upstream("a", 1));
        JobStage? stageDuringCall = null;
        world.UpstreamScript = async (_, step, ctx, _) =>
        {
            stageDuringCall = (await world.Store.GetAsync(ctx.Job.Id, CancellationToken.None))!.Stage;
            return EngineOutcome.Submitted("task-1", TimeSpan.FromSeconds(30));
        };
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

        Assert.Equal(JobStage.Submitting, stageDuringCall);
        var after = await world.GetAsync(job.Id);
        Assert.Equal((JobStage.Poll, "task-1"), (after.Stage, after.UpstreamRef));
        Assert.Equal(["created", "started", "submitting", "submitted"], await world.EventTypesAsync(job.Id));
    }

    [Fact]
    public async Task RunAsync_CrashedWhileSubmitting_FoundUpstreamSoNotSubmittedAgain()
    {
        await using var world = World(Upstream("a", 1));
        world.UpstreamFind = (_, _) => Task.FromResult<EngineOutcome?>(EngineOutcome.Submitted("task-9", TimeSpan.FromSeconds(5)));
        var job = await CrashedMidSubmitAsync(world);

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

        Assert.Equal(["a:find"], world.UpstreamCalls);
        var after = await world.GetAsync(job.Id);
        Assert.Equal((JobStage.Poll, "task-9"), (after.Stage, after.UpstreamRef));
    }

    [Fact]
    public async Task RunAsync_CrashedWhileSubmitting_NotFoundUpstreamSubmitsOnce()
    {
        await using var world = World(Upstream("a", 1));
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(EngineOutcome.Submitted("task-2", TimeSpan.FromSeconds(5)));
        var job = await CrashedMidSubmitAsync(world);

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

        Assert.Equal(["a:find", "a:submit"], world.UpstreamCalls);
        Assert.Equal("task-2", (await world.GetAsync(job.Id)).UpstreamRef);
    }

    [Fact]
    public async Task RunAsync_CrashedWhileSubmittingAndLookupUnsure_DoesNotSubmit()
    {
        await using var world = World(Upstream("a", 1));
        world.UpstreamFind = (_, _) => Task.FromResult<EngineOutcome?>(EngineOutcome.Failed("upstream_unavailable", "503", retryable: true));
        var job = await CrashedMidSubmitAsync(world);

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

        Assert.DoesNotContain("a:submit", world.UpstreamCalls);
        var after = await world.GetAsync(job.Id);
        Assert.Equal((JobStatus.Running, JobStage.Submitting), (after.Status, after.Stage));
        Assert.True(after.NextRunAt > world.Time.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_RetryableSubmitFailure_FailsOverToNextUpstream()
    {
        await using var world = World(Upstream("a", 1), Upstream("b", 2));
        world.UpstreamScript = (name, _, _, _) => Task.FromResult(name == "a"
            ? EngineOutcome.Failed("upstream_unavailable", "HTTP 503", retryable: true)
            : EngineOutcome.Submitted("b-task", TimeSpan.FromSeconds(5)));
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var moved = await world.GetAsync(job.Id);
        Assert.Equal(("b", JobStage.Submit), (moved.Engine, moved.Stage));
        Assert.Contains("failover", await world.EventTypesAsync(job.Id));

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        Assert.Equal(["a:submit", "a:find", "b:submit"], world.UpstreamCalls);
        Assert.Equal(("b", "b-task"), ((await world.GetAsync(job.Id)).Engine, (await world.GetAsync(job.Id)).UpstreamRef));
    }

    [Fact]
    public async Task RunAsync_UpstreamAtConcurrencyLimit_JobHeldQueuedWithoutCall()
    {
        await using var world = World(Upstream("a", 1, max: 1));
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(EngineOutcome.Submitted("t", TimeSpan.FromMinutes(5)));
        var first = await world.CreateAsync(engine: "a", model: "kling-v1");
        var second = await world.CreateAsync(engine: "a", model: "kling-v1");
        var claimed = await world.Store.ClaimDueAsync("n", world.Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, CancellationToken.None);
        await world.Runner.RunAsync(claimed.Single(j => j.Id == first.Id), CancellationToken.None);
        await world.Runner.RunAsync(claimed.Single(j => j.Id == second.Id), CancellationToken.None);

        Assert.Equal(["a:submit"], world.UpstreamCalls);
        var held = await world.GetAsync(second.Id);
        Assert.Equal((JobStatus.Queued, JobStage.Submit), (held.Status, held.Stage));
        Assert.InRange((held.NextRunAt!.Value - world.Time.GetUtcNow()).TotalMilliseconds, 1000, 2000);
        Assert.Equal(1, await world.Store.CountInFlightAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_ManyStepsRacingForTheLastSlot_OnlyOneIsSubmitted()
    {
        await using var world = World(Upstream("a", 1, max: 1));
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(EngineOutcome.Submitted("t", TimeSpan.FromMinutes(5)));
        for (var i = 0; i < 12; i++) await world.CreateAsync(engine: "a", model: "kling-v1");
        var claimed = await world.Store.ClaimDueAsync("n", world.Time.GetUtcNow(), TimeSpan.FromSeconds(30), 20, CancellationToken.None);

        // Every step checks capacity at the same moment; without one admission per slot several would read "0 in flight".
        await Task.WhenAll(claimed.Select(job => Task.Run(() => world.Runner.RunAsync(job, CancellationToken.None))));

        Assert.Equal(["a:submit"], world.UpstreamCalls);
        Assert.Equal(1, await world.Store.CountInFlightAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_CallbackHintDuringPoll_NextPollImmediateOtherwisePlanned()
    {
        await using var world = World(Upstream("a", 1));
        var hints = world.Services.GetRequiredService<Reelay.Scheduling.UpstreamHints>();
        var polls = 0;
        world.UpstreamScript = (_, step, ctx, _) =>
        {
            if (step == "submit") return Task.FromResult(EngineOutcome.Submitted("task-1", TimeSpan.FromSeconds(5)));
            if (++polls == 1) hints.Add(ctx.Job.Id); // the callback lands while this poll holds the lease
            return Task.FromResult(EngineOutcome.Running(50, TimeSpan.FromSeconds(20)));
        };
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        world.Time.Advance(TimeSpan.FromSeconds(5));

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var hurried = await world.GetAsync(job.Id);
        Assert.Equal(Reelay.Scheduling.UpstreamHints.HurriedDueAt(hurried), hurried.NextRunAt); // due already, ahead of planned polls
        Assert.True(hurried.NextRunAt <= world.Time.GetUtcNow());

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        Assert.Equal(world.Time.GetUtcNow() + TimeSpan.FromSeconds(20), (await world.GetAsync(job.Id)).NextRunAt);
        Assert.Equal(0, hints.Count);
    }

    [Fact]
    public async Task CircuitBreaker_RepeatedFailures_OpensAndRouterSkipsUpstream()
    {
        await using var world = World(Upstream("a", 1), Upstream("b", 2));
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(EngineOutcome.Failed("upstream_unavailable", "HTTP 500", retryable: true));
        var router = world.Services.GetRequiredService<UpstreamRouter>();
        var a = router.Upstreams.Single(u => u.Name == "a");
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");
        var context = new EngineContext(job, Path.GetTempPath(), new Progress<int>());
        for (var i = 0; i < 5; i++) await a.SubmitAsync(context, CancellationToken.None);

        Assert.Equal("open", a.Circuit);
        var fastFail = await a.SubmitAsync(context, CancellationToken.None);
        Assert.Equal("upstream_circuit_open", fastFail.ErrorCode);
        Assert.True(fastFail.Retryable);
        Assert.Equal("b", router.Choose(job.Request));
        Assert.NotEmpty(a.RecentErrors);

        world.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("half-open", a.Circuit);
        Assert.Equal("a", router.Choose(job.Request)); // the trial call goes to the preferred upstream again
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(EngineOutcome.Submitted("ok", TimeSpan.FromSeconds(5)));
        Assert.Equal(EngineOutcomeKind.Submitted, (await a.SubmitAsync(context, CancellationToken.None)).Kind);
        Assert.Equal("closed", a.Circuit);
    }

    [Fact]
    public async Task RunAsync_SubmitCouldNotConnect_FailsOverWithoutAskingTheDeadUpstream()
    {
        await using var world = World(Upstream("a", 1), Upstream("b", 2));
        world.UpstreamScript = (name, _, _, _) => Task.FromResult(name == "a"
            ? EngineOutcome.Failed("upstream_unavailable", "could not be reached (connection refused)", retryable: true) with { NothingSent = true }
            : EngineOutcome.Submitted("b-task", TimeSpan.FromSeconds(5)));
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var moved = await world.GetAsync(job.Id);
        Assert.Equal(("b", JobStage.Submit), (moved.Engine, moved.Stage));
        Assert.True(moved.NextRunAt <= world.Time.GetUtcNow());

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        Assert.Equal(["a:submit", "b:submit"], world.UpstreamCalls);
        Assert.Equal("b-task", (await world.GetAsync(job.Id)).UpstreamRef);
    }

    [Fact]
    public async Task RunAsync_CrashedMidSubmitAndUpstreamDown_StaysUntilUnconfirmedSubmitWaitThenFailsOver()
    {
        var a = Upstream("a", 1);
        a.UnconfirmedSubmitWait = TimeSpan.FromSeconds(60);
        await using var world = World(a, Upstream("b", 2));
        world.UpstreamFind = (name, _) => Task.FromResult<EngineOutcome?>(
            EngineOutcome.Failed("upstream_unavailable", "could not be reached (connection refused)", retryable: true) with { NothingSent = true });
        world.UpstreamScript = (name, _, _, _) => Task.FromResult(EngineOutcome.Submitted($"{name}-task", TimeSpan.FromSeconds(5)));
        var job = await CrashedMidSubmitAsync(world); // the intent was written 31 s ago: the submit may have reached "a"

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var held = await world.GetAsync(job.Id);
        Assert.Equal(("a", JobStage.Submitting), (held.Engine, held.Stage));
        Assert.DoesNotContain("a:submit", world.UpstreamCalls);

        world.Time.Advance(TimeSpan.FromSeconds(30)); // 61 s after the possible send
        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);
        var moved = await world.GetAsync(job.Id);
        Assert.Equal(("b", JobStage.Submit), (moved.Engine, moved.Stage));
        var failover = (await world.Store.GetEventsAsync(job.Id, 0, CancellationToken.None)).Single(e => e.Type == "failover");
        Assert.Contains("could not tell within 60 s", failover.Detail);
        Assert.DoesNotContain("a:submit", world.UpstreamCalls);
    }

    [Fact]
    public async Task RunAsync_LookupUnansweredWithinTheWait_RetriesNoLaterThanTheDecision()
    {
        var a = Upstream("a", 1);
        a.UnconfirmedSubmitWait = TimeSpan.FromSeconds(40);
        await using var world = World(a, Upstream("b", 2));
        world.UpstreamFind = (_, _) => Task.FromResult<EngineOutcome?>(EngineOutcome.Failed("upstream_unavailable", "timed out", retryable: true,
            retryAfter: TimeSpan.FromMinutes(5)));
        var job = await CrashedMidSubmitAsync(world); // possible send 31 s ago: decision due in 9 s

        await world.Runner.RunAsync(await world.ClaimAsync(job.Id), CancellationToken.None);

        var held = await world.GetAsync(job.Id);
        Assert.Equal("a", held.Engine);
        Assert.InRange((held.NextRunAt!.Value - world.Time.GetUtcNow()).TotalSeconds, 8.9, 9.1);
    }

    [Fact]
    public async Task ConnectBreaker_ThreeCallsThatCannotConnect_OpensAndNewJobsGoToTheNextUpstream()
    {
        var a = Upstream("a", 1);
        a.FailureRatio = 1; // the ratio breaker alone would not open on three failures
        await using var world = World(a, Upstream("b", 2));
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(
            EngineOutcome.Failed("upstream_unavailable", "could not be reached (connection refused)", retryable: true) with { NothingSent = true });
        var router = world.Services.GetRequiredService<UpstreamRouter>();
        var upstream = router.Upstreams.Single(u => u.Name == "a");
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");
        var context = new EngineContext(job, Path.GetTempPath(), new Progress<int>());

        for (var i = 0; i < 2; i++) await upstream.SubmitAsync(context, CancellationToken.None);
        Assert.Equal("closed", upstream.Circuit);
        await upstream.SubmitAsync(context, CancellationToken.None);

        Assert.Equal("open", upstream.Circuit);
        Assert.Equal("b", router.Choose(job.Request));
        var fastFail = await upstream.SubmitAsync(context, CancellationToken.None);
        Assert.Equal(("upstream_circuit_open", true), (fastFail.ErrorCode, fastFail.NothingSent));
        Assert.Equal(3, world.UpstreamCalls.Count);

        world.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("half-open", upstream.Circuit);
        world.UpstreamScript = (_, _, _, _) => Task.FromResult(EngineOutcome.Submitted("ok", TimeSpan.FromSeconds(5)));
        await upstream.SubmitAsync(context, CancellationToken.None);
        Assert.Equal("closed", upstream.Circuit);
    }

    /// <summary>A job whose intent to submit to "a" was recorded, and whose node then died (lease expired).</summary>
    private static async Task<VideoJob> CrashedMidSubmitAsync(SchedulerWorld world)
    {
        var job = await world.CreateAsync(engine: "a", model: "kling-v1");
        var claimed = await world.ClaimAsync(job.Id);
        var stored = await world.Store.TryUpdateAsync(claimed with { Status = JobStatus.Running, Stage = JobStage.Submitting }, claimed.LeaseToken, [], [], CancellationToken.None);
        Assert.NotNull(stored);
        world.Time.Advance(TimeSpan.FromSeconds(31)); // the dead node's lease expires
        return stored;
    }

    private sealed class Disposer(SchedulerWorld world, out SchedulerWorld value) : IDisposable
    {
        private readonly SchedulerWorld _world = value = world;
        public void Dispose() => _world.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
