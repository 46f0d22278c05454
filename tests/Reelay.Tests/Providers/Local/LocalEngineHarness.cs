using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Providers.Local;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Local;

/// <summary>A real <see cref="LocalEngine"/> over a file-system blob store in a temp dir; each render gets its own work dir.</summary>
public sealed class LocalEngineHarness : IDisposable
{
    private int _renders;

    public LocalEngineHarness()
    {
        Blobs = new FileSystemBlobStore(Temp.Sub("blobs"));
        Engine = new LocalEngine(new FfmpegRunner(Options.Create(new MediaOptions())), Blobs);
    }

    public TempDirectory Temp { get; } = new("reelay-local");
    public FileSystemBlobStore Blobs { get; }
    public LocalEngine Engine { get; }

    public static VideoRequest Request(string? prompt = "a lighthouse at dusk", int seconds = 1, string aspect = "16:9", long? seed = 7) => new()
    {
        Model = "kling-v2-1",
        Prompt = prompt,
        DurationSeconds = seconds,
        AspectRatio = aspect,
        Seed = seed,
    };

    public static VideoJob Job(VideoRequest request, string id = "0197a3c0-0000-7000-8000-000000000001")
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        return new VideoJob
        {
            Id = id,
            OwnerKeyId = Guid.Empty.ToString(),
            Request = request,
            Engine = "local",
            CreatedAt = now,
            UpdatedAt = now,
            DeadlineAt = now.AddHours(1),
        };
    }

    /// <summary>A fresh, empty work directory.</summary>
    public string NewWorkDir() => Temp.Sub($"work-{Interlocked.Increment(ref _renders)}");

    /// <summary>Stores a testsrc2 PNG (or any bytes) directly under <c>inputs/</c> and returns its <c>blob:</c> reference.</summary>
    public async Task<string> StoreImageAsync(string name, int width = 1280, int height = 720)
    {
        var path = TestMedia.Image(Temp.File(name), width, height);
        await using var file = File.OpenRead(path);
        await Blobs.PutAsync("inputs/" + name, file, FileSystemBlobStore.ContentTypeOf(name), CancellationToken.None);
        return BlobKeys.ReferencePrefix + "inputs/" + name;
    }

    public async Task<LocalRender> RenderAsync(VideoRequest request, string? jobId = null, CancellationToken ct = default)
    {
        var dir = NewWorkDir();
        var progress = new RecordingProgress();
        var job = jobId is null ? Job(request) : Job(request, jobId);
        var outcome = await Engine.SubmitAsync(new EngineContext(job, dir, progress), ct);
        return new LocalRender(outcome, dir, progress);
    }

    public void Dispose() => Temp.Dispose();
}
