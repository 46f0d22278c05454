using Npgsql;

namespace Reelay.Storage.Postgres;

/// <summary>
/// The NOTIFY that tells every node's listener (<see cref="PostgresNotificationListener"/>) that work became due on
/// <see cref="PostgresDatabase.JobsChannel"/> or <see cref="PostgresDatabase.WebhooksChannel"/>. Sent inside the writing
/// transaction, PostgreSQL delivers it only once that commits, so no node wakes before the work is visible.
/// </summary>
internal static class PostgresWakeup
{
    private const string NotifySql = "SELECT pg_notify(@channel, '')";

    public static Task<int> NotifyAsync(NpgsqlConnection c, string channel, CancellationToken ct) =>
        c.Command(NotifySql).Bind("channel", channel).RunAsync(ct);

    /// <summary>The same NOTIFY as one command of <paramref name="batch"/>.</summary>
    public static void AddTo(NpgsqlBatch batch, string channel) => batch.Add(NotifySql).Bind("channel", channel);
}
