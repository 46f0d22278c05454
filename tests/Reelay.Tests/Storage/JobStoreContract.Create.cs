using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task CreateAsync_EveryFieldSet_GetReturnsIdenticalJob()
    {
        var job = NewJob() with
        {
            Request = new VideoRequest
            {
                Model = "kling-v2-5-turbo",
                Prompt = "a lighthouse at dusk, \"cinematic\"\nwaves",
                NegativePrompt = "blur, text",
                CfgScale = 0.55,
                DurationSeconds = 10,
                AspectRatio = "9:16",
                Mode = VideoMode.Pro,
                StartImage = "blob:inputs/start.png",
                EndImage = "blob:inputs/end.png",
                Seed = 9_007_199_254_740_993,
                EnhancePrompt = true,
                CameraControl = new CameraControl("simple", new CameraConfig(Zoom: -3.5)),
                Webhook = new WebhookTarget("https://hooks.example.com/in?x=1", [WebhookEvents.Started, WebhookEvents.Completed]),
                ExternalId = "order-77",
                Metadata = new Dictionary<string, string> { ["team"] = "växjö", ["quote"] = "\"q\"" },
            },
            Dialect = "kling",
            Status = JobStatus.Running,
            Stage = JobStage.Ingest,
            Progress = 42,
            Engine = "noop",
            UpstreamRef = "upstream-123",
            Outputs = new JobOutputs(
                new VideoOutput("jobs/a/raw.mp4", "video/mp4", 12_345_678_901, 10.04, 1920, 1080, "h264"),
                new VideoOutput("jobs/a/min.mp4", "video/mp4", 1_000_000, 10.0, 1280, 720, "h264"),
                new VideoOutput("jobs/a/poster.jpg", "image/jpeg", 52_000, null, 1280, 720, null)),
            Error = new JobError(JobErrorCodes.EngineFailed, "render crashed"),
            Credits = 1.50m,
            Attempts = 3,
            Version = 7,
            CreatedAt = T0,
            UpdatedAt = T0.AddSeconds(1),
            StartedAt = T0.AddSeconds(2),
            CompletedAt = T0.AddSeconds(3),
            DeadlineAt = T0.AddMinutes(30),
            NextRunAt = T0.AddSeconds(4),
            LeaseOwner = "node-1",
            LeaseToken = "token-1",
            LeaseUntil = T0.AddSeconds(5),
            IdempotencyKey = "idem-1",
            RequestHash = "hash-1",
        };

        var result = await Jobs.CreateAsync(job, Ct);

        Assert.Equal(CreateOutcome.Created, result.Outcome);
        AssertSameJob(job, result.Job);
        AssertSameJob(job, await GetRequiredAsync(job.Id));
    }

    [Fact]
    public async Task CreateAsync_OptionalFieldsNull_GetReturnsNulls()
    {
        var job = NewJob() with { NextRunAt = null };

        await CreatedAsync(job);

        var stored = await GetRequiredAsync(job.Id);
        AssertSameJob(job, stored);
        Assert.Null(stored.Request.Metadata);
        Assert.Null(stored.Request.CameraControl);
        Assert.Null(stored.Outputs);
        Assert.Null(stored.Credits);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Jobs.GetAsync(NewId(), Ct));
    }

    [Fact]
    public async Task CreateAsync_NewJob_WritesCreatedEvent()
    {
        var job = await CreatedAsync(NewJob());

        var events = await Jobs.GetEventsAsync(job.Id, 0, Ct);

        var created = Assert.Single(events);
        Assert.Equal(JobEventTypes.Created, created.Type);
        Assert.Equal(job.Id, created.JobId);
        Assert.Equal(JobStatus.Queued, created.Status);
        Assert.Equal(T0, created.At);
    }

    [Fact]
    public async Task CreateAsync_SameKeySameHash_ReturnsExistingJob()
    {
        var first = await CreatedAsync(NewJob() with { IdempotencyKey = "k1", RequestHash = "h1" });

        var replay = await Jobs.CreateAsync(NewJob() with { IdempotencyKey = "k1", RequestHash = "h1" }, Ct);

        Assert.Equal(CreateOutcome.Existing, replay.Outcome);
        AssertSameJob(first, replay.Job);
        Assert.Single(await Jobs.ListAsync(new JobQuery("key-a"), Ct));
    }

    [Fact]
    public async Task CreateAsync_SameKeyDifferentHash_ReturnsConflictWithExistingJob()
    {
        var first = await CreatedAsync(NewJob() with { IdempotencyKey = "k1", RequestHash = "h1" });
        var second = NewJob() with { IdempotencyKey = "k1", RequestHash = "h2" };

        var result = await Jobs.CreateAsync(second, Ct);

        Assert.Equal(CreateOutcome.Conflict, result.Outcome);
        Assert.Equal(first.Id, result.Job.Id);
        Assert.Null(await Jobs.GetAsync(second.Id, Ct));
    }

    [Fact]
    public async Task CreateAsync_SameKeyOtherOwner_CreatesSecondJob()
    {
        await CreatedAsync(NewJob("key-a") with { IdempotencyKey = "k1", RequestHash = "h1" });

        var other = await Jobs.CreateAsync(NewJob("key-b") with { IdempotencyKey = "k1", RequestHash = "h1" }, Ct);

        Assert.Equal(CreateOutcome.Created, other.Outcome);
    }

    [Fact]
    public async Task CreateAsync_NoKey_NeverDeduplicates()
    {
        await CreatedAsync(NewJob());
        await CreatedAsync(NewJob());

        Assert.Equal(2, (await Jobs.ListAsync(new JobQuery("key-a"), Ct)).Count);
    }

    [Fact]
    public async Task CreateAsync_FiftyConcurrentWithOneKey_ExactlyOneCreated()
    {
        var attempts = Enumerable.Range(0, 50)
            .Select(_ => NewJob() with { IdempotencyKey = "same", RequestHash = "h" })
            .ToList();

        var results = await Task.WhenAll(attempts.Select(job => Task.Run(() => Jobs.CreateAsync(job, Ct))));

        var created = Assert.Single(results, r => r.Outcome == CreateOutcome.Created);
        Assert.Equal(49, results.Count(r => r.Outcome == CreateOutcome.Existing));
        Assert.All(results, r => Assert.Equal(created.Job.Id, r.Job.Id));
        Assert.Single(await Jobs.ListAsync(new JobQuery("key-a", Limit: 100), Ct));
        Assert.Single(await Jobs.GetEventsAsync(created.Job.Id, 0, Ct));
    }

    [Fact]
    public async Task PingAsync_MigratedStore_ReturnsTrue()
    {
        Assert.True(await Jobs.PingAsync(Ct));
    }

    [Fact]
    public async Task CountByStatusAsync_MixedJobs_CountsEachStatus()
    {
        await CreatedAsync(NewJob());
        await CreatedAsync(NewJob());
        await CreatedAsync(NewJob() with { Status = JobStatus.Succeeded, Stage = JobStage.Done, NextRunAt = null });

        var counts = await Jobs.CountByStatusAsync(Ct);

        Assert.Equal(2, counts.GetValueOrDefault(JobStatus.Queued));
        Assert.Equal(1, counts.GetValueOrDefault(JobStatus.Succeeded));
        Assert.Equal(0, counts.GetValueOrDefault(JobStatus.Failed));
    }
}
