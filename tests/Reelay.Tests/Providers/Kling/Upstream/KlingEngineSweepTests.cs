using System.Text.Json;
using Microsoft.AspNetCore.Http;
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
}
