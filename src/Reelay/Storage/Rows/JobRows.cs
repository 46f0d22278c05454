using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Reelay.Jobs;

namespace Reelay.Storage.Rows;

/// <summary>
/// The mapping between <see cref="VideoJob"/>/<see cref="JobEvent"/> and their rows, shared by every backend: the
/// column order is fixed by <see cref="Columns"/>, times are unix milliseconds (UTC), documents are JSON text.
/// </summary>
internal static class JobRows
{
    public const string Columns =
        "id, owner_key_id, dialect, status, stage, progress, engine, model, request_json, upstream_ref, " +
        "outputs_json, error_code, error_message, credits, attempts, version, created_at, updated_at, " +
        "started_at, completed_at, deadline_at, next_run_at, lease_owner, lease_token, lease_until, " +
        "idempotency_key, request_hash";

    public const string EventColumns = "seq, job_id, at, type, status, progress, detail";

    /// <summary>
    /// Serializes the JSON columns of <paramref name="job"/> on the caller's thread, so a writer connection
    /// spends its time on the database only.
    /// </summary>
    public static PreparedJob Prepare(VideoJob job) => new(
        job,
        JsonSerializer.Serialize(job.Request, StoreJson.Default.VideoRequest),
        job.Outputs is null ? null : JsonSerializer.Serialize(job.Outputs, StoreJson.Default.JobOutputs));

    /// <summary>Every column value of a prepared job by column name (plus external_id, derived from the request), ready to bind.</summary>
    public static (string Name, object? Value)[] Parameters(PreparedJob prepared)
    {
        var job = prepared.Job;
        return
        [
            ("id", job.Id),
            ("owner_key_id", job.OwnerKeyId),
            ("dialect", job.Dialect),
            ("status", job.Status.ToStoreName()),
            ("stage", StoreNames.Stage(job.Stage)),
            ("progress", job.Progress),
            ("engine", job.Engine),
            ("model", job.Request.Model),
            ("request_json", prepared.RequestJson),
            ("upstream_ref", job.UpstreamRef),
            ("outputs_json", prepared.OutputsJson),
            ("error_code", job.Error?.Code),
            ("error_message", job.Error?.Message),
            ("credits", job.Credits?.ToString(CultureInfo.InvariantCulture)),
            ("attempts", job.Attempts),
            ("version", job.Version),
            ("created_at", Ms(job.CreatedAt)),
            ("updated_at", Ms(job.UpdatedAt)),
            ("started_at", Ms(job.StartedAt)),
            ("completed_at", Ms(job.CompletedAt)),
            ("deadline_at", Ms(job.DeadlineAt)),
            ("next_run_at", Ms(job.NextRunAt)),
            ("lease_owner", job.LeaseOwner),
            ("lease_token", job.LeaseToken),
            ("lease_until", Ms(job.LeaseUntil)),
            ("idempotency_key", job.IdempotencyKey),
            ("request_hash", job.RequestHash),
            ("external_id", job.Request.ExternalId),
        ];
    }

    public static VideoJob ReadJob(DbDataReader r)
    {
        var errorCode = r.GetNullableString(11);
        var outputs = r.GetNullableString(10);
        var credits = r.GetNullableString(13);
        return new VideoJob
        {
            Id = r.GetString(0),
            OwnerKeyId = r.GetString(1),
            Dialect = r.GetString(2),
            Status = JobStatusExtensions.FromStoreName(r.GetString(3)),
            Stage = StoreNames.ParseStage(r.GetString(4)),
            Progress = r.GetInt32(5),
            Engine = r.GetString(6),
            Request = JsonSerializer.Deserialize(r.GetString(8), StoreJson.Default.VideoRequest)
                ?? throw new InvalidDataException("job request_json is null"),
            UpstreamRef = r.GetNullableString(9),
            Outputs = outputs is null ? null : JsonSerializer.Deserialize(outputs, StoreJson.Default.JobOutputs),
            Error = errorCode is null ? null : new JobError(errorCode, r.GetNullableString(12) ?? ""),
            Credits = credits is null ? null : decimal.Parse(credits, NumberStyles.Number, CultureInfo.InvariantCulture),
            Attempts = r.GetInt32(14),
            Version = r.GetInt64(15),
            CreatedAt = r.GetTime(16),
            UpdatedAt = r.GetTime(17),
            StartedAt = r.GetNullableTime(18),
            CompletedAt = r.GetNullableTime(19),
            DeadlineAt = r.GetTime(20),
            NextRunAt = r.GetNullableTime(21),
            LeaseOwner = r.GetNullableString(22),
            LeaseToken = r.GetNullableString(23),
            LeaseUntil = r.GetNullableTime(24),
            IdempotencyKey = r.GetNullableString(25),
            RequestHash = r.GetNullableString(26),
        };
    }

    public static List<VideoJob> ReadJobs(DbDataReader reader)
    {
        var jobs = new List<VideoJob>();
        while (reader.Read()) jobs.Add(ReadJob(reader));
        return jobs;
    }

    public static JobEvent ReadEvent(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetTime(2),
        r.GetString(3),
        JobStatusExtensions.FromStoreName(r.GetString(4)),
        r.GetInt32(5),
        r.GetNullableString(6));

    /// <summary>Every value of an event row to insert for <paramref name="jobId"/>, by column name.</summary>
    public static (string Name, object? Value)[] EventParameters(string jobId, NewJobEvent e) =>
    [
        ("job_id", jobId),
        ("at", Ms(e.At)),
        ("type", e.Type),
        ("status", e.Status.ToStoreName()),
        ("progress", e.Progress),
        ("detail", e.Detail),
    ];

    /// <summary>
    /// <paramref name="job"/> as a read would return it: times at millisecond precision in UTC, which is
    /// what the columns hold.
    /// </summary>
    public static VideoJob AsStored(VideoJob job) => job with
    {
        CreatedAt = Trim(job.CreatedAt),
        UpdatedAt = Trim(job.UpdatedAt),
        StartedAt = Trim(job.StartedAt),
        CompletedAt = Trim(job.CompletedAt),
        DeadlineAt = Trim(job.DeadlineAt),
        NextRunAt = Trim(job.NextRunAt),
        LeaseUntil = Trim(job.LeaseUntil),
    };

    /// <summary>When a claimable job became due: its next step, or its deadline if that came first (the claim order).</summary>
    public static DateTimeOffset DueAt(VideoJob job) =>
        job.NextRunAt is { } next && next < job.DeadlineAt ? next : job.DeadlineAt;

    /// <summary>Claimed jobs in claim order (RETURNING does not keep a subquery's order): by due time, then id.</summary>
    public static void SortByDue(List<VideoJob> jobs) => jobs.Sort(static (a, b) =>
    {
        var byDue = DueAt(a).CompareTo(DueAt(b));
        return byDue != 0 ? byDue : string.CompareOrdinal(a.Id, b.Id);
    });

    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();

    private static DateTimeOffset Trim(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    private static DateTimeOffset? Trim(DateTimeOffset? t) => t is { } v ? Trim(v) : null;
}
