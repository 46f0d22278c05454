using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Storage.Blobs;

namespace Reelay.Tests.Upstreams.Contract;

/// <summary>Engine contexts as the scheduler hands them to an upstream engine, and input blobs as jobs reference them.</summary>
public static class RunningJobContexts
{
    /// <summary>A running job on <paramref name="engine"/>: at the submit stage, or polling <paramref name="upstreamRef"/>.</summary>
    public static EngineContext Create(TimeProvider clock, string engine, string workDir, VideoRequest request, string id, string? upstreamRef)
    {
        var now = clock.GetUtcNow();
        var job = new VideoJob
        {
            Id = id,
            OwnerKeyId = "owner",
            Request = request,
            Engine = engine,
            Status = JobStatus.Running,
            Stage = upstreamRef is null ? JobStage.Submit : JobStage.Poll,
            UpstreamRef = upstreamRef,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            DeadlineAt = now.AddHours(1),
        };
        return new EngineContext(job, workDir, new Progress<int>());
    }

    /// <summary>Stores <paramref name="bytes"/> as an input blob; returns the reference a request carries.</summary>
    public static async Task<string> StoreInputAsync(IBlobStore blobs, string key, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        await blobs.PutAsync(key, stream, "image/png", CancellationToken.None);
        return BlobKeys.ReferencePrefix + key;
    }
}
