using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingEngineSweepTests : IAsyncLifetime
{
    private KlingEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await KlingEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>
    /// 1,200 text-to-video tasks, newest first, created one second apart ending at t = 1,200 s: task i (0 = oldest) is
    /// unfinished when i % 3 == 0, else finished at t = i + 10 s; external id job-i. No image-to-video tasks.
    /// </summary>
    private static KlingTask TaskNo(int i) => new()
    {
        TaskId = $"kt-{i}",
        TaskStatus = i % 3 == 0 ? KlingTaskStatus.Processing : i % 3 == 1 ? KlingTaskStatus.Succeed : KlingTaskStatus.Failed,
        TaskInfo = new KlingTaskInfo($"job-{i}"),
        CreatedAt = (i + 1) * 1000L,
        UpdatedAt = i % 3 == 0 ? (i + 1) * 1000L : (i + 10) * 1000L,
    };

    private void ServeList(int count)
    {
        _h.Server.Handler = (r, ctx) =>
        {
            var page = int.Parse(ctx.Request.Query["pageNum"]!, System.Globalization.CultureInfo.InvariantCulture);
            var size = int.Parse(ctx.Request.Query["pageSize"]!, System.Globalization.CultureInfo.InvariantCulture);
            IReadOnlyList<KlingTask> tasks = r.Path.EndsWith("text2video", StringComparison.Ordinal)
                ? [.. Enumerable.Range(0, count).Reverse().Skip((page - 1) * size).Take(size).Select(TaskNo)]
                : [];
            ctx.Response.ContentType = "application/json";
            var envelope = new KlingResponse<IReadOnlyList<KlingTask>>(0, "SUCCEED", "rid", tasks);
            return ctx.Response.WriteAsync(JsonSerializer.Serialize(envelope, KlingJsonContext.Default.KlingResponseIReadOnlyListKlingTask));
        };
    }

    /// <summary>Lists <paramref name="tasks"/> as the only text-to-video tasks; answers queries with the task asked for, marked "queried".</summary>
    private void ServeTasks(params KlingTask[] tasks)
    {
        _h.Server.Handler = (r, ctx) =>
        {
            if (r.Path.Split('/').Length > 4)
                return FakeKlingServer.WriteTaskAsync(ctx, tasks.Single(t => r.Path.EndsWith(t.TaskId, StringComparison.Ordinal)) with { TaskStatusMsg = "queried" });
            ctx.Response.ContentType = "application/json";
            IReadOnlyList<KlingTask> page = r.Path.EndsWith("text2video", StringComparison.Ordinal) ? tasks : [];
            var envelope = new KlingResponse<IReadOnlyList<KlingTask>>(0, "SUCCEED", "rid", page);
            return ctx.Response.WriteAsync(JsonSerializer.Serialize(envelope, KlingJsonContext.Default.KlingResponseIReadOnlyListKlingTask));
        };
    }

    private static readonly VideoRequest Request = new() { Model = "kling-v1", Prompt = "p" };

    private static DateTimeOffset At(int seconds) => DateTimeOffset.FromUnixTimeMilliseconds(seconds * 1000L);

    [Fact]
    public async Task SweepAsync_WindowOverThreePages_ReportsFinishedInWindowAndStopsAtHorizon()
    {
        ServeList(1200);

        // Tasks created at or after t = 400 s (i ≥ 399), finished at or after t = 1,000 s (i ≥ 990).
        var sweep = await _h.Engine().SweepAsync(At(400), At(1000), maxPages: 10, () => true, CancellationToken.None);

        var expected = Enumerable.Range(990, 210).Where(i => i % 3 != 0).Select(i => $"job-{i}").ToHashSet();
        Assert.Equal(expected, sweep.FinishedJobIds.ToHashSet());
        Assert.Equal(At(400), sweep.OldestUnfinishedCreatedAt); // task 399 (399 % 3 == 0) is the oldest unfinished within the horizon
        Assert.True(sweep.ReachedHorizon);
        Assert.Null(sweep.Error);
        // text2video pages 1..2 hold tasks 1199..200; page 2 already reaches past t = 400 s, so no page 3; one empty image2video page.
        Assert.Equal(3, sweep.Calls);
        Assert.Equal(3, _h.Server.Requests.Count);
    }

    [Fact]
    public async Task SweepAsync_BudgetRunsOut_StopsEarlyAndSaysSo()
    {
        ServeList(1200);
        var tokens = 1;

        var sweep = await _h.Engine().SweepAsync(At(0), At(0), maxPages: 10, () => tokens-- > 0, CancellationToken.None);

        Assert.False(sweep.ReachedHorizon);
        Assert.Equal(1, sweep.Calls);
        Assert.Equal(500 * 2 / 3, sweep.FinishedJobIds.Count, 1.0); // two of every three of the newest 500 are finished
    }

    [Fact]
    public async Task SweepAsync_UpstreamErrors_StopsEarlyWithTheReasonAndNoIds()
    {
        _h.Server.Handler = (_, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 500, 5000, "Server internal error");

        var sweep = await _h.Engine().SweepAsync(At(0), At(0), maxPages: 10, () => true, CancellationToken.None);

        Assert.False(sweep.ReachedHorizon);
        Assert.Empty(sweep.FinishedJobIds);
        Assert.Contains("5000", sweep.Error);
    }

    [Fact]
    public async Task SweepAsync_SecondSweepOfALongList_ReadsItsPagesConcurrentlyWithTheSameResult()
    {
        ServeList(1800);
        var engine = _h.Engine();
        var first = await engine.SweepAsync(At(0), At(1000), maxPages: 10, () => true, CancellationToken.None);

        // The second sweep knows the list takes four text-to-video pages: the server holds each list request until a
        // second one is in flight at the same time (or 5 s pass), so one-at-a-time reading shows as a concurrency of 1.
        var serve = _h.Server.Handler;
        var inFlight = 0;
        var maxInFlight = 0;
        var twoAtOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Server.Handler = async (r, ctx) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (now >= 2) twoAtOnce.TrySetResult();
            if (r.Path.EndsWith("text2video", StringComparison.Ordinal)) await Task.WhenAny(twoAtOnce.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            try { await serve(r, ctx); }
            finally { Interlocked.Decrement(ref inFlight); }
        };
        var second = await engine.SweepAsync(At(0), At(1000), maxPages: 10, () => true, CancellationToken.None);

        Assert.True(maxInFlight >= 2, $"list pages were read one at a time (max {maxInFlight} in flight)");
        Assert.Equal(first.FinishedJobIds.ToHashSet(), second.FinishedJobIds.ToHashSet());
        Assert.Equal(first.OldestUnfinishedCreatedAt, second.OldestUnfinishedCreatedAt);
        Assert.True(second.ReachedHorizon);
        Assert.Equal(first.Calls, second.Calls); // 4 text-to-video pages (the last short) + 1 image-to-video page, each time
        Assert.Equal(5, second.Calls);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    [Fact]
    public async Task PollAsync_TaskFinishedInARecentSweep_TakesTheListAnswerOnceWithoutAQuery()
    {
        ServeTasks(FakeKlingServer.Task("kt-7", KlingTaskStatus.Succeed, "job_0001", videoUrl: "https://cdn.example.com/v/kt-7.mp4?sig=1"));
        var engine = _h.Engine();
        var sweep = await engine.SweepAsync(At(0), At(0), maxPages: 10, () => true, CancellationToken.None);
        var context = _h.Context(Request, upstreamRef: "kt-7");
        var listCalls = _h.Server.Requests.Count;

        var first = await engine.PollAsync(context, CancellationToken.None);
        var queriesAfterFirst = _h.Server.Requests.Count - listCalls;
        var second = await engine.PollAsync(context, CancellationToken.None);

        Assert.Equal(["job_0001"], sweep.FinishedJobIds);
        Assert.Equal(EngineOutcomeKind.Produced, first.Kind);
        Assert.Equal(new Uri("https://cdn.example.com/v/kt-7.mp4?sig=1"), first.Result!.RemoteUrl);
        Assert.Equal(0, queriesAfterFirst);
        // Used once: the next poll asks the upstream again.
        Assert.Equal(EngineOutcomeKind.Produced, second.Kind);
        Assert.Equal("/v1/videos/text2video/kt-7", _h.Server.Requests.Last().Path);
    }

    [Fact]
    public async Task PollAsync_SweptAnswerOlderThanItsLifetime_QueriesTheUpstream()
    {
        ServeTasks(FakeKlingServer.Task("kt-8", KlingTaskStatus.Failed, "job_0001", statusMsg: "listed"));
        var engine = _h.Engine();
        await engine.SweepAsync(At(0), At(0), maxPages: 10, () => true, CancellationToken.None);
        var listCalls = _h.Server.Requests.Count;
        _h.Clock.Advance(Reelay.Providers.Kling.Upstream.KlingEngine.SweptAnswerLifetime + TimeSpan.FromSeconds(1));

        var outcome = await engine.PollAsync(_h.Context(Request, upstreamRef: "kt-8"), CancellationToken.None);

        Assert.Equal(listCalls + 1, _h.Server.Requests.Count);
        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("queried", outcome.ErrorMessage);
    }

    [Fact]
    public async Task PollAsync_SweptAnswerForAnotherUpstreamTask_QueriesTheUpstream()
    {
        ServeTasks(FakeKlingServer.Task("kt-9", KlingTaskStatus.Succeed, "job_0001", videoUrl: "https://cdn.example.com/v/kt-9.mp4"),
            FakeKlingServer.Task("kt-10", KlingTaskStatus.Processing, "job_0001"));
        var engine = _h.Engine();
        await engine.SweepAsync(At(0), At(0), maxPages: 10, () => true, CancellationToken.None);

        // The job's own task is kt-10 (e.g. kt-9 was an earlier task under the same external id): its state is asked for.
        var outcome = await engine.PollAsync(_h.Context(Request, upstreamRef: "kt-10"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Running, outcome.Kind);
        Assert.Equal("/v1/videos/text2video/kt-10", _h.Server.Requests.Last().Path);
    }
}
