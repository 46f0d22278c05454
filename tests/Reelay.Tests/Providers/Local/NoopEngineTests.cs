using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Media;
using Reelay.Providers.Local;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Local;

public sealed class NoopEngineTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-noop");
    private readonly FileSystemBlobStore _blobs;
    private readonly NoopEngine _engine;

    public NoopEngineTests()
    {
        _blobs = new FileSystemBlobStore(_temp.Sub("blobs"));
        var options = Options.Create(new MediaOptions());
        var runner = new FfmpegRunner(options);
        _engine = new NoopEngine(runner, new ResultIngestor(runner, new MediaProbe(runner), _blobs, new OutboundPolicy(), options));
    }

    public void Dispose() => _temp.Dispose();

    private EngineContext Context(string id) =>
        new(LocalEngineHarness.Job(LocalEngineHarness.Request(), id), _temp.Sub(id), new RecordingProgress());

    [Fact]
    public async Task SubmitAsync_FirstCall_ProducesStoredOutputs()
    {
        var outcome = await _engine.SubmitAsync(Context("a"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Produced, outcome.Kind);
        var outputs = outcome.Result!.Prepared!;
        Assert.Null(outcome.Result.LocalPath);
        Assert.Null(outcome.Result.RemoteUrl);
        Assert.Equal(("jobs/noop/raw.mp4", "jobs/noop/min.mp4", "jobs/noop/poster.jpg"), (outputs.Raw.BlobKey, outputs.Min.BlobKey, outputs.Poster.BlobKey));
        foreach (var output in new[] { outputs.Raw, outputs.Min, outputs.Poster })
        {
            var stat = await _blobs.StatAsync(output.BlobKey, CancellationToken.None);
            Assert.NotNull(stat);
            Assert.Equal(output.Bytes, stat.Length);
        }
        var raw = TestMedia.Probe(_blobs.TryGetLocalPath(outputs.Raw.BlobKey)!);
        Assert.Equal((320, 180, 24), (raw.Video.Width, raw.Video.Height, raw.Video.Frames));
    }

    [Fact]
    public async Task SubmitAsync_SecondCall_CompletesSynchronouslyWithSameOutputs()
    {
        var first = await _engine.SubmitAsync(Context("a"), CancellationToken.None);
        var rawInfo = await _blobs.StatAsync(first.Result!.Prepared!.Raw.BlobKey, CancellationToken.None);

        var pending = _engine.SubmitAsync(Context("b"), CancellationToken.None);

        // Already completed: no ffmpeg run, no await on anything.
        Assert.True(pending.IsCompletedSuccessfully);
        var second = await pending;
        Assert.Same(first.Result.Prepared, second.Result!.Prepared);
        Assert.Equal(rawInfo, await _blobs.StatAsync(second.Result.Prepared!.Raw.BlobKey, CancellationToken.None));
        Assert.Same(first.Result.Prepared, (await _engine.PollAsync(Context("c"), CancellationToken.None)).Result!.Prepared);
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentFirstCalls_RenderOnce()
    {
        var calls = Enumerable.Range(0, 4).Select(i => _engine.SubmitAsync(Context($"c{i}"), CancellationToken.None)).ToArray();

        var outcomes = await Task.WhenAll(calls);

        Assert.All(outcomes, o => Assert.Same(outcomes[0].Result!.Prepared, o.Result!.Prepared));
    }
}
