using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// The owner key's limits, checked inside the job insert's write transaction. SQLite has one writer, so counting
/// the key's unfinished jobs and then inserting cannot interleave with another create: the limit holds exactly.
/// </summary>
internal static class SqliteKeyAdmission
{
    private const string LimitsSql =
        "SELECT requests_per_minute, max_concurrent_jobs, allowed_models FROM api_keys WHERE id = $owner";

    private const string ReplaySql =
        "SELECT EXISTS (SELECT 1 FROM jobs WHERE owner_key_id = $owner AND idempotency_key = $key)";

    private const string ActiveSql =
        "SELECT COUNT(*) FROM jobs INDEXED BY ix_jobs_owner_active WHERE owner_key_id = $owner AND status IN ('queued', 'running')";

    /// <summary>The refusal for <paramref name="job"/>, or null when its owner may create it.</summary>
    public static CreateOutcome? Refusal(SqliteSession s, VideoJob job)
    {
        Accounts.KeyLimits limits;
        using (var r = s.Command(LimitsSql).Bind("$owner", job.OwnerKeyId).ExecuteReader())
        {
            if (!r.Read()) return null;
            limits = AccountRows.ReadLimits(r, 0);
        }
        if (limits.MaxConcurrentJobs is null && limits.AllowedModels is null) return null;
        if (job.IdempotencyKey is not null &&
            s.Command(ReplaySql).Bind("$owner", job.OwnerKeyId).Bind("$key", job.IdempotencyKey).ExecuteScalar() is 1L)
            return null;
        if (!limits.AllowsModel(job.Request.Model)) return CreateOutcome.ModelNotAllowed;
        if (limits.MaxConcurrentJobs is { } max && (long)s.Command(ActiveSql).Bind("$owner", job.OwnerKeyId).ExecuteScalar()! >= max)
            return CreateOutcome.ConcurrencyLimited;
        return null;
    }
}
