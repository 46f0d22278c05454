using Reelay.TestSupport;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// S3 blob store: the S3 server (s3rver) killed for the outage and restarted on the same port over the same data.
/// Jobs finishing meanwhile must complete after it, with their outputs, not fail for good.
/// </summary>
public sealed class S3RestartScenario : IFaultScenario
{
    private S3Server? _s3;

    public string Name => "s3";
    public string Description => "The S3 blob store's server (s3rver) killed with SIGKILL for the outage, then restarted on the same port over the same data.";
    public string? ReadinessCheck => "blobs";
    public bool MayFailJobs => false;

    public async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct)
    {
        _s3 = await S3Server.StartOwnAsync();
        var bucket = await _s3.CreateBucketAsync("faults");
        return new Dictionary<string, string?>
        {
            ["Reelay:Blobs:Provider"] = "s3",
            ["Reelay:Blobs:S3:Endpoint"] = bucket.Endpoint,
            ["Reelay:Blobs:S3:Bucket"] = bucket.Bucket,
            ["Reelay:Blobs:S3:ForcePathStyle"] = "true",
            ["Reelay:Blobs:S3:AccessKey"] = bucket.AccessKey,
            ["Reelay:Blobs:S3:SecretKey"] = bucket.SecretKey,
        };
    }

    public Task BreakAsync(FaultServer server, CancellationToken ct) => _s3!.KillAsync();

    public Task RepairAsync(FaultServer server, CancellationToken ct) => _s3!.RestartAsync();

    public ValueTask DisposeAsync()
    {
        _s3?.Dispose();
        return ValueTask.CompletedTask;
    }
}
