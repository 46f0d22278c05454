using Microsoft.Data.Sqlite;

namespace Reelay.Reliability.Load;

/// <summary>
/// The end of a run read from the server's own SQLite file (read-only): how many jobs of each model it holds, how many
/// are not terminal or did not succeed, and for every job created with a webhook (all but the relayed ones) whether it arrived and, completion (<c>completed_at</c>) →
/// arrival in ms.
/// </summary>
public sealed record JobAudit(long Stored, long StoredRelayed, long NotTerminal, long NotSucceeded, long MissingWebhooks, double[] WebhookLagsMs)
{
    public static async Task<JobAudit> ReadAsync(string dbPath, string relayedModel, IReadOnlyDictionary<string, long> firstReceivedMs, CancellationToken ct)
    {
        await using var connection = Open(dbPath);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, model, status, completed_at FROM jobs";
        await using var reader = await command.ExecuteReaderAsync(ct);
        long stored = 0, relayed = 0, notTerminal = 0, notSucceeded = 0, missing = 0;
        var lags = new List<double>();
        while (await reader.ReadAsync(ct))
        {
            stored++;
            var isRelayed = reader.GetString(1) == relayedModel;
            if (isRelayed) relayed++;
            var status = reader.GetString(2);
            if (status is "queued" or "running") notTerminal++;
            else if (status != "succeeded") notSucceeded++;
            // Every job of the other model was created with a webhook for its completion.
            if (isRelayed || status != "succeeded") continue;
            if (firstReceivedMs.TryGetValue(reader.GetString(0), out var received) && !reader.IsDBNull(3)) lags.Add(received - reader.GetInt64(3));
            else missing++;
        }
        return new JobAudit(stored, relayed, notTerminal, notSucceeded, missing, [.. lags.Order()]);
    }

    /// <summary>Jobs still queued or running.</summary>
    public static async Task<long> CountNotTerminalAsync(string dbPath, CancellationToken ct)
    {
        await using var connection = Open(dbPath);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static SqliteConnection Open(string dbPath) =>
        new(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly }.ToString());

    /// <summary>Nearest-rank percentile of the webhook lags (ms); NaN when none arrived.</summary>
    public double LagPercentile(double q) =>
        WebhookLagsMs.Length == 0 ? double.NaN : WebhookLagsMs[Math.Clamp((int)Math.Ceiling(q * WebhookLagsMs.Length) - 1, 0, WebhookLagsMs.Length - 1)];
}
