using Npgsql;
using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary>
/// The owner key's limits, checked inside the job insert's transaction. Creates for a key with a concurrency limit
/// serialise on a transaction-scoped advisory lock of that key, taken before counting, so two nodes cannot both
/// count the last free slot: the limit holds exactly across nodes. Keys without limits take no lock.
/// </summary>
internal static class PostgresKeyAdmission
{
    private const string LimitsSql =
        "SELECT requests_per_minute, max_concurrent_jobs, allowed_models FROM api_keys WHERE id = @owner";

    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended('reelay.key-concurrency:' || @owner, 0))";

    // Our own id counts as a replay: a retried transaction whose first try committed must reach the insert's
    // "committed by an earlier try" path, not be refused.
    private const string ReplaySql = """
        SELECT EXISTS (SELECT 1 FROM jobs WHERE id = @id)
            OR (CAST(@key AS TEXT) IS NOT NULL AND EXISTS (SELECT 1 FROM jobs WHERE owner_key_id = @owner AND idempotency_key = @key))
        """;

    private const string ActiveSql =
        "SELECT COUNT(*) FROM jobs WHERE owner_key_id = @owner AND status IN ('queued', 'running')";

    /// <summary>The refusal for <paramref name="job"/>, or null when its owner may create it.</summary>
    public static async Task<CreateOutcome?> RefusalAsync(NpgsqlConnection c, VideoJob job, CancellationToken ct)
    {
        var limits = await c.Command(LimitsSql).Bind("owner", job.OwnerKeyId)
            .ReadAsync(r => r.Read() ? AccountRows.ReadLimits(r, 0) : null, ct).ConfigureAwait(false);
        if (limits is null || (limits.MaxConcurrentJobs is null && limits.AllowedModels is null)) return null;
        if (limits.MaxConcurrentJobs is not null)
            await c.Command(LockSql).Bind("owner", job.OwnerKeyId).RunAsync(ct).ConfigureAwait(false);
        var replay = await c.Command(ReplaySql).Bind("id", job.Id).Bind("owner", job.OwnerKeyId).Bind("key", job.IdempotencyKey)
            .ScalarAsync(ct).ConfigureAwait(false);
        if (replay is true) return null;
        if (!limits.AllowsModel(job.Request.Model)) return CreateOutcome.ModelNotAllowed;
        if (limits.MaxConcurrentJobs is { } max &&
            (long)(await c.Command(ActiveSql).Bind("owner", job.OwnerKeyId).ScalarAsync(ct).ConfigureAwait(false))! >= max)
            return CreateOutcome.ConcurrencyLimited;
        return null;
    }
}
