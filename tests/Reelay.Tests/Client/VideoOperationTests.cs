using Reelay.Client;
using Reelay.Tests.Support;

namespace Reelay.Tests.Client;

public sealed class VideoOperationTests : IAsyncLifetime
{
    private readonly ImmediateDelayTimeProvider _time = new();
    private FakeNativeServer _server = null!;
    private VideosClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeNativeServer.StartAsync();
        _client = new VideosClient(new VideosClientOptions { Endpoint = _server.Endpoint, ApiKey = FakeNativeServer.Token, TimeProvider = _time });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WaitForCompletionAsync_InProgressTwice_WaitsAsRetryAfterSaysThenReturnsCompleted()
    {
        var operation = await _client.StartGenerateAsync(new CreateVideoRequest { Model = "kling-v2-1", ExternalId = "poll-2-7" });
        Assert.Equal("poll-2-7", operation.Id);
        Assert.False(operation.HasCompleted);
        var seen = new List<Video>();

        var video = await operation.WaitForCompletionAsync(new SyncProgress(seen.Add));

        Assert.Equal(VideoStatus.Completed, video.Status);
        Assert.True(operation.HasCompleted);
        Assert.Same(video, operation.Value);
        // 3 s from the create response's Retry-After, then 7 s from each in-progress poll.
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _time.RequestedDelays);
        Assert.Equal([VideoStatus.InProgress, VideoStatus.InProgress, VideoStatus.Completed], seen.Select(v => v.Status));
        Assert.Equal(3, _server.Requests.Count(r => r.PathAndQuery == "/v1/videos/poll-2-7"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_NoRetryAfter_UsesDefaultPollInterval()
    {
        var operation = _client.GetOperation("poll-1-none");

        await operation.WaitForCompletionAsync();

        Assert.Equal([TimeSpan.FromSeconds(2)], _time.RequestedDelays);
    }

    [Fact]
    public async Task WaitForCompletionAsync_HugeRetryAfter_ClampedToMaxPollInterval()
    {
        var operation = _client.GetOperation("poll-1-3600");

        await operation.WaitForCompletionAsync();

        Assert.Equal([TimeSpan.FromSeconds(60)], _time.RequestedDelays);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RetryAfterZero_ClampedToMinimumInterval()
    {
        await _client.GetOperation("poll-1-0").WaitForCompletionAsync();

        Assert.Equal([TimeSpan.FromMilliseconds(100)], _time.RequestedDelays);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RetryAfterDateInPast_NeverNegativeDelay()
    {
        await _client.GetOperation("poll-1-past").WaitForCompletionAsync();

        Assert.Equal([TimeSpan.FromMilliseconds(100)], _time.RequestedDelays);
    }

    [Fact]
    public async Task Rehydrate_ById_NoRequestUntilUpdated()
    {
        var operation = VideoOperation.Rehydrate(_client, "done");

        Assert.Equal(("done", (Video?)null, false), (operation.Id, operation.Value, operation.HasCompleted));
        Assert.Empty(_server.Requests);

        var video = await operation.UpdateStatusAsync();

        Assert.Equal(VideoStatus.Completed, video.Status);
        Assert.True(operation.HasCompleted);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RehydratedAlreadyDone_ReturnsWithoutWaiting()
    {
        var video = await _client.GetOperation("done").WaitForCompletionAsync();

        Assert.Equal(VideoStatus.Completed, video.Status);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Canceled_StopsPolling()
    {
        using var cts = new CancellationTokenSource();
        var operation = _client.GetOperation("poll-1000-1");
        var polls = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            operation.WaitForCompletionAsync(new SyncProgress(_ => { if (++polls == 3) cts.Cancel(); }), cts.Token));

        Assert.Equal(3, polls);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the asserts).</summary>
    private sealed class SyncProgress(Action<Video> report) : IProgress<Video>
    {
        public void Report(Video value) => report(value);
    }
}
