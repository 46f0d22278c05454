using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Retention;
using Reelay.Storage.Blobs;
using Reelay.Storage.Sqlite;
using Reelay.Tests.Support;

namespace Reelay.Tests.Retention;

/// <summary>Retention over a real SQLite file and a real blob directory, with a manual clock.</summary>
public sealed class RetentionRunnerTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reelay-retention-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new();
    private readonly SqliteStorage _storage;
    private readonly FileSystemBlobStore _blobs;
    private readonly RetentionRunner _runner;

    public RetentionRunnerTests()
    {
        Directory.CreateDirectory(_dir);
        _storage = SqliteStorage.Open(Path.Combine(_dir, "reelay.db"), _time);
        _storage.Jobs.MigrateAsync(Ct).GetAwaiter().GetResult();
        _blobs = new FileSystemBlobStore(Path.Combine(_dir, "blobs"));
        var options = Options.Create(new ReelayOptions { Retention = new RetentionOptions { Results = TimeSpan.FromDays(30), Records = TimeSpan.FromDays(90), BatchSize = 2 } });
        _runner = new RetentionRunner(_storage.Retention, _storage.Jobs, _blobs, _time, options, NullLogger<RetentionRunner>.Instance);
    }

    [Fact]
    public async Task RunAsync_JobsOfDifferentAges_DeletesExpiredFilesThenExpiredRecords()
    {
        var shared = await PutAsync("jobs/noop/raw.mp4");
        var fresh = await SucceededJobAsync(ageDays: 5);
        var resultsExpired = await SucceededJobAsync(ageDays: 31);
        var resultsExpired2 = await SucceededJobAsync(ageDays: 45);
        var resultsExpired3 = await SucceededJobAsync(ageDays: 60);
        var recordExpired = await SucceededJobAsync(ageDays: 91);
        var usesShared = await SucceededJobAsync(ageDays: 40, rawKey: shared);

        var report = await _runner.RunAsync(Ct);

        Assert.Equal(new RetentionReport(ResultsExpired: 4, RecordsDeleted: 1), report);
        Assert.NotNull((await _storage.Jobs.GetAsync(fresh.Id, Ct))!.Outputs);
        Assert.NotNull(await _blobs.StatAsync(fresh.Outputs!.Raw.BlobKey, Ct));
        foreach (var job in new[] { resultsExpired, resultsExpired2, resultsExpired3 })
        {
            var stored = await _storage.Jobs.GetAsync(job.Id, Ct);
            Assert.NotNull(stored);
            Assert.Null(stored.Outputs);
            Assert.Equal(JobStatus.Succeeded, stored.Status);
            Assert.Contains(await _storage.Jobs.GetEventsAsync(job.Id, 0, Ct), e => e.Type == JobEventTypes.ResultsExpired);
            Assert.Null(await _blobs.StatAsync(job.Outputs!.Raw.BlobKey, Ct));
            Assert.Null(await _blobs.StatAsync(job.Outputs.Poster.BlobKey, Ct));
        }
        Assert.Null(await _storage.Jobs.GetAsync(recordExpired.Id, Ct));
        Assert.Null(await _blobs.StatAsync(recordExpired.Outputs!.Min.BlobKey, Ct));
        Assert.NotNull(await _blobs.StatAsync(shared, Ct)); // not the job's own file
        Assert.Null((await _storage.Jobs.GetAsync(usesShared.Id, Ct))!.Outputs);

        Assert.Equal(new RetentionReport(0, 0), await _runner.RunAsync(Ct));
    }

    [Fact]
    public async Task RunAsync_LiveJobOlderThanEveryPeriod_IsNeverTouched()
    {
        var created = await _storage.Jobs.CreateAsync(NewJob(), Ct);
        _time.Advance(TimeSpan.FromDays(365));

        Assert.Equal(new RetentionReport(0, 0), await _runner.RunAsync(Ct));
        Assert.Equal(JobStatus.Queued, (await _storage.Jobs.GetAsync(created.Job.Id, Ct))!.Status);
    }

    private VideoJob NewJob() => new()
    {
        Id = JobIds.New(_time.GetUtcNow()),
        OwnerKeyId = "key-a",
        Request = new VideoRequest { Model = "kling-v2-1", Prompt = "a lighthouse at dusk" },
        Engine = "local",
        CreatedAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
        DeadlineAt = _time.GetUtcNow().AddHours(1),
        NextRunAt = _time.GetUtcNow(),
    };

    private async Task<VideoJob> SucceededJobAsync(int ageDays, string? rawKey = null)
    {
        var job = (await _storage.Jobs.CreateAsync(NewJob(), Ct)).Job;
        var raw = rawKey ?? await PutAsync($"jobs/{job.Id}/raw.mp4");
        var outputs = new JobOutputs(Output(raw), Output(await PutAsync($"jobs/{job.Id}/min.mp4")), Output(await PutAsync($"jobs/{job.Id}/poster.jpg")));
        var completedAt = _time.GetUtcNow().AddDays(-ageDays);
        var done = job with { Status = JobStatus.Succeeded, Progress = 100, Outputs = outputs, CompletedAt = completedAt, UpdatedAt = completedAt, NextRunAt = null };
        return await _storage.Jobs.TryUpdateAsync(done, null, [], [], Ct) ?? throw new Xunit.Sdk.XunitException("update lost");
    }

    private async Task<string> PutAsync(string key)
    {
        if (await _blobs.StatAsync(key, Ct) is null)
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes("bytes of " + key));
            await _blobs.PutAsync(key, content, "application/octet-stream", Ct);
        }
        return key;
    }

    private static VideoOutput Output(string key) => new(key, "video/mp4", 10, 5, 1280, 720, "h264");

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
