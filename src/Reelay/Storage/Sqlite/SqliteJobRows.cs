using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reelay.Jobs;

namespace Reelay.Storage.Sqlite;

/// <summary>The mapping between <see cref="VideoJob"/>/<see cref="JobEvent"/> and their rows; column order is fixed by <see cref="Columns"/>.</summary>
internal static class SqliteJobRows
{
    public const string Columns =
        "id, owner_key_id, dialect, status, stage, progress, engine, model, request_json, upstream_ref, " +
        "outputs_json, error_code, error_message, credits, attempts, version, created_at, updated_at, " +
        "started_at, completed_at, deadline_at, next_run_at, lease_owner, lease_token, lease_until, " +
        "idempotency_key, request_hash";

    public const string EventColumns = "seq, job_id, at, type, status, progress, detail";

    /// <summary>
    /// Serializes the JSON columns of <paramref name="job"/> on the caller's thread, so the single writer thread
    /// spends its time on SQLite only.
    /// </summary>
    public static PreparedJob Prepare(VideoJob job) => new(
        job,
        JsonSerializer.Serialize(job.Request, SqliteJson.Default.VideoRequest),
        job.Outputs is null ? null : JsonSerializer.Serialize(job.Outputs, SqliteJson.Default.JobOutputs));

    /// <summary>Binds every column of a prepared job as $name parameters (and $external_id, derived from the request).</summary>
    public static SqliteCommand BindJob(this SqliteCommand command, PreparedJob prepared) => command.BindJob(prepared.Job, prepared.RequestJson, prepared.OutputsJson);

    private static SqliteCommand BindJob(this SqliteCommand command, VideoJob job, string requestJson, string? outputsJson) => command
        .Bind("$id", job.Id)
        .Bind("$owner_key_id", job.OwnerKeyId)
        .Bind("$dialect", job.Dialect)
        .Bind("$status", job.Status.ToStoreName())
        .Bind("$stage", SqliteNames.Stage(job.Stage))
        .Bind("$progress", job.Progress)
        .Bind("$engine", job.Engine)
        .Bind("$model", job.Request.Model)
        .Bind("$request_json", requestJson)
        .Bind("$upstream_ref", job.UpstreamRef)
        .Bind("$outputs_json", outputsJson)
        .Bind("$error_code", job.Error?.Code)
        .Bind("$error_message", job.Error?.Message)
        .Bind("$credits", job.Credits?.ToString(CultureInfo.InvariantCulture))
        .Bind("$attempts", job.Attempts)
        .Bind("$version", job.Version)
        .Bind("$created_at", job.CreatedAt)
        .Bind("$updated_at", job.UpdatedAt)
        .Bind("$started_at", job.StartedAt)
        .Bind("$completed_at", job.CompletedAt)
        .Bind("$deadline_at", job.DeadlineAt)
        .Bind("$next_run_at", job.NextRunAt)
        .Bind("$lease_owner", job.LeaseOwner)
        .Bind("$lease_token", job.LeaseToken)
        .Bind("$lease_until", job.LeaseUntil)
        .Bind("$idempotency_key", job.IdempotencyKey)
        .Bind("$request_hash", job.RequestHash)
        .Bind("$external_id", job.Request.ExternalId);

    public static VideoJob ReadJob(SqliteDataReader r)
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
            Stage = SqliteNames.ParseStage(r.GetString(4)),
            Progress = r.GetInt32(5),
            Engine = r.GetString(6),
            Request = JsonSerializer.Deserialize(r.GetString(8), SqliteJson.Default.VideoRequest)
                ?? throw new InvalidDataException("job request_json is null"),
            UpstreamRef = r.GetNullableString(9),
            Outputs = outputs is null ? null : JsonSerializer.Deserialize(outputs, SqliteJson.Default.JobOutputs),
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

    public static List<VideoJob> ReadJobs(SqliteCommand command)
    {
        var jobs = new List<VideoJob>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) jobs.Add(ReadJob(reader));
        return jobs;
    }

    public static JobEvent ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetTime(2),
        r.GetString(3),
        JobStatusExtensions.FromStoreName(r.GetString(4)),
        r.GetInt32(5),
        r.GetNullableString(6));

    /// <summary>
    /// <paramref name="job"/> as a read would return it: times at millisecond precision in UTC, which is
    /// what the columns hold.
    /// </summary>
    public static VideoJob AsStored(VideoJob job) => job with
    {
        CreatedAt = Ms(job.CreatedAt),
        UpdatedAt = Ms(job.UpdatedAt),
        StartedAt = Ms(job.StartedAt),
        CompletedAt = Ms(job.CompletedAt),
        DeadlineAt = Ms(job.DeadlineAt),
        NextRunAt = Ms(job.NextRunAt),
        LeaseUntil = Ms(job.LeaseUntil),
    };

    private static DateTimeOffset Ms(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    private static DateTimeOffset? Ms(DateTimeOffset? t) => t is { } v ? Ms(v) : null;
}
