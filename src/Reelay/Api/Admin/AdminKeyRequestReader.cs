using System.Text.Json;
using Reelay.Accounts;
using Reelay.Jobs;

namespace Reelay.Api.Admin;

/// <summary>
/// Reads the admin API's key bodies. Create: <c>name</c>, <c>role</c> (user | admin) and the limit fields; PATCH: the
/// limit fields and <c>name</c>, where a field left out is unchanged and <c>null</c> clears a limit. Limits are
/// positive integers; <c>allowed_models</c> is an array of model ids. Unknown fields are errors (a typo must not
/// silently leave a limit unset).
/// </summary>
public static class AdminKeyRequestReader
{
    public const int MaxNameLength = 100;
    public const int MaxAllowedModels = 100;

    public static (string Name, ApiKeyRole Role, KeyLimits Limits)? ReadCreate(JsonElement body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var role = ApiKeyRole.User;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("role", out var r))
        {
            switch (r.ValueKind == JsonValueKind.String ? r.GetString() : null)
            {
                case "user": break;
                case "admin": role = ApiKeyRole.Admin; break;
                default: errors.Add("role", "must be \"user\" or \"admin\""); break;
            }
        }
        var patch = Read(body, errors, allowRole: true);
        if (patch is null || !errors.IsEmpty) return null;
        var (name, limits) = patch.ApplyTo("default", KeyLimits.None);
        return (name, role, limits);
    }

    public static KeySettingsPatch? ReadPatch(JsonElement body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var patch = Read(body, errors, allowRole: false);
        return errors.IsEmpty ? patch : null;
    }

    private static KeySettingsPatch? Read(JsonElement body, FieldErrors errors, bool allowRole)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
            return null;
        }
        var patch = new KeySettingsPatch();
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "name":
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 and <= MaxNameLength } name && name.Trim().Length > 0)
                        patch = patch with { Name = name };
                    else errors.Add("name", $"must be a non-empty string of at most {MaxNameLength} characters");
                    break;
                case "requests_per_minute":
                    patch = patch with { SetsRequestsPerMinute = true, RequestsPerMinute = ReadLimit(p, errors) };
                    break;
                case "max_concurrent_jobs":
                    patch = patch with { SetsMaxConcurrentJobs = true, MaxConcurrentJobs = ReadLimit(p, errors) };
                    break;
                case "allowed_models":
                    patch = patch with { SetsAllowedModels = true, AllowedModels = ReadModels(p, errors) };
                    break;
                case "role" when allowRole:
                    break;
                default:
                    errors.Add(p.Name, "is not a known field");
                    break;
            }
        }
        return patch;
    }

    private static int? ReadLimit(JsonProperty p, FieldErrors errors)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return null;
        if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n) && n >= 1) return n;
        errors.Add(p.Name, "must be a positive integer, or null for no limit");
        return null;
    }

    private static string[]? ReadModels(JsonProperty p, FieldErrors errors)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return null;
        if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() <= MaxAllowedModels
            && p.Value.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 }))
            return [.. p.Value.EnumerateArray().Select(m => m.GetString()!).Distinct(StringComparer.OrdinalIgnoreCase)];
        errors.Add(p.Name, $"must be an array of at most {MaxAllowedModels} model ids, or null for every model");
        return null;
    }
}
