using System.Data.Common;
using Reelay.Accounts;

namespace Reelay.Storage.Rows;

/// <summary>The mapping between API keys, uploads and their rows, shared by every backend. Guids are stored as lower-case "D" strings.</summary>
internal static class AccountRows
{
    public const string KeyColumns =
        "id, name, role, secret_hash, created_at, revoked_at, webhook_secret_generation, leonardo_callback_url, leonardo_callback_key, " +
        "requests_per_minute, max_concurrent_jobs, allowed_models, webhook_secret_rotated_at";

    public const string UploadColumns = "id, owner_key_id, extension, blob_ref, expires_at, created_at";

    public static string Id(Guid id) => id.ToString("D");

    public static (string Name, object? Value)[] KeyParameters(ApiKey key) =>
    [
        ("id", Id(key.Id)),
        ("name", key.Name),
        ("role", StoreNames.Role(key.Role)),
        ("secret_hash", key.SecretHash),
        ("created_at", JobRows.Ms(key.CreatedAt)),
        ("revoked_at", JobRows.Ms(key.RevokedAt)),
        ("webhook_secret_generation", key.WebhookSecretGeneration),
        ("leonardo_callback_url", key.AccountCallbackUrl),
        ("leonardo_callback_key", key.AccountCallbackKey),
        .. LimitParameters(key.Limits),
        ("webhook_secret_rotated_at", JobRows.Ms(key.WebhookSecretRotatedAt)),
    ];

    public static (string Name, object? Value)[] LimitParameters(KeyLimits limits) =>
    [
        ("requests_per_minute", limits.RequestsPerMinute),
        ("max_concurrent_jobs", limits.MaxConcurrentJobs),
        ("allowed_models", AllowedModelsJson(limits.AllowedModels)),
    ];

    /// <summary>The allowed-models column: a JSON array of model ids, or NULL for "every model".</summary>
    public static string? AllowedModelsJson(IReadOnlyList<string>? models) =>
        models is null ? null : System.Text.Json.JsonSerializer.Serialize(models.ToArray(), StoreJson.Default.StringArray);

    public static IReadOnlyList<string>? ParseAllowedModels(string? json) =>
        json is null ? null : System.Text.Json.JsonSerializer.Deserialize(json, StoreJson.Default.StringArray);

    /// <summary>Limits read from columns <paramref name="first"/>..+2 (requests_per_minute, max_concurrent_jobs, allowed_models).</summary>
    public static KeyLimits ReadLimits(DbDataReader r, int first)
    {
        var limits = new KeyLimits(r.GetNullableInt32(first), r.GetNullableInt32(first + 1), ParseAllowedModels(r.GetNullableString(first + 2)));
        return limits.IsUnlimited ? KeyLimits.None : limits;
    }

    public static (string Name, object? Value)[] UploadParameters(UploadRecord u) =>
    [
        ("id", u.Id),
        ("owner_key_id", Id(u.OwnerKeyId)),
        ("extension", u.Extension),
        ("blob_ref", u.BlobRef),
        ("expires_at", JobRows.Ms(u.ExpiresAt)),
        ("created_at", JobRows.Ms(u.CreatedAt)),
    ];

    public static ApiKey ReadKey(DbDataReader r) => new(
        Guid.ParseExact(r.GetString(0), "D"),
        r.GetString(1),
        StoreNames.ParseRole(r.GetString(2)),
        (byte[])r.GetValue(3),
        r.GetTime(4),
        r.GetNullableTime(5),
        r.GetInt32(6),
        r.GetNullableString(7),
        r.GetNullableString(8))
    {
        Limits = ReadLimits(r, 9),
        WebhookSecretRotatedAt = r.GetNullableTime(12),
    };

    public static UploadRecord ReadUpload(DbDataReader r) => new(
        r.GetString(0),
        Guid.ParseExact(r.GetString(1), "D"),
        r.GetString(2),
        r.GetNullableString(3),
        r.GetTime(4),
        r.GetTime(5));

}
