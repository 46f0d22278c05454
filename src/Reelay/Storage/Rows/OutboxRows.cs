using System.Data.Common;
using System.Text.Json;
using Reelay.Webhooks;

namespace Reelay.Storage.Rows;

/// <summary>The mapping between outbox messages, delivery attempts and their rows, shared by every backend.</summary>
internal static class OutboxRows
{
    public const string Columns =
        "id, job_id, owner_key_id, event_type, url, payload, headers_json, created_at, " +
        "state, attempts, next_attempt_at, last_status_code, last_error";

    public const string AttemptColumns = "message_id, job_id, attempt, at, status_code, error, duration_ms, response_snippet";

    /// <summary>
    /// Which rows <see cref="IWebhookOutbox.GetFailingAsync"/> lists: failed, or pending after an attempt without a 2xx
    /// (a redelivered message whose last attempt succeeded is not failing). Valid SQL on SQLite and PostgreSQL.
    /// </summary>
    public const string FailingWhere =
        "state = 'failed' OR (state = 'pending' AND attempts > 0 AND (last_status_code IS NULL OR last_status_code < 200 OR last_status_code > 299))";

    /// <summary>The values of a new pending message row, by column name.</summary>
    public static (string Name, object? Value)[] MessageParameters(WebhookMessage m) =>
    [
        ("id", m.Id),
        ("job_id", m.JobId),
        ("owner_key_id", m.OwnerKeyId),
        ("event_type", m.EventType),
        ("url", m.Url),
        ("payload", m.Payload),
        ("headers_json", m.Headers is null ? null : JsonSerializer.Serialize(m.Headers, StoreJson.Default.IReadOnlyDictionaryStringString)),
        ("created_at", JobRows.Ms(m.CreatedAt)),
    ];

    /// <summary>The values of an attempt log row, numbered <paramref name="number"/> by the store.</summary>
    public static (string Name, object? Value)[] AttemptParameters(string messageId, string jobId, int number, DeliveryAttempt a) =>
    [
        ("message_id", messageId),
        ("job_id", jobId),
        ("attempt", number),
        ("at", JobRows.Ms(a.At)),
        ("status_code", a.StatusCode),
        ("error", a.Error),
        ("duration_ms", a.DurationMs),
        ("response_snippet", a.ResponseSnippet),
    ];

    public static List<OutboxEntry> ReadEntries(DbDataReader r)
    {
        var entries = new List<OutboxEntry>();
        while (r.Read())
        {
            var headers = r.GetNullableString(6);
            var message = new WebhookMessage(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetTime(7),
                headers is null ? null : JsonSerializer.Deserialize(headers, StoreJson.Default.IReadOnlyDictionaryStringString));
            entries.Add(new OutboxEntry(
                message,
                StoreNames.ParseState(r.GetString(8)),
                r.GetInt32(9),
                r.GetTime(10),
                r.GetNullableInt32(11),
                r.GetNullableString(12)));
        }
        return entries;
    }

    /// <summary>Claimed messages in claim order (RETURNING does not keep a subquery's order).</summary>
    public static void SortByDue(List<OutboxEntry> entries) => entries.Sort(static (a, b) =>
    {
        var byDue = a.NextAttemptAt.CompareTo(b.NextAttemptAt);
        return byDue != 0 ? byDue : a.Message.CreatedAt.CompareTo(b.Message.CreatedAt);
    });

    public static List<DeliveryAttempt> ReadAttempts(DbDataReader r)
    {
        var attempts = new List<DeliveryAttempt>();
        while (r.Read())
        {
            attempts.Add(new DeliveryAttempt(
                r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetTime(3),
                r.GetNullableInt32(4), r.GetNullableString(5), r.GetInt32(6), r.GetNullableString(7)));
        }
        return attempts;
    }
}
