using System.Text.Json;
using Reelay.Jobs;

namespace Reelay.Api.Json;

/// <summary>
/// Typed reads of JSON object members that record a clear per-field error instead of throwing, so a body
/// with several wrong types is answered with all of them at once. Shared by every dialect's parser.
/// </summary>
public static class JsonFields
{
    public static string? String(JsonElement obj, string name, FieldErrors errors, string? field = null)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        errors.Add(field ?? name, $"must be a string (was {Describe(v)})");
        return null;
    }

    public static double? Number(JsonElement obj, string name, FieldErrors errors, string? field = null, bool allowNumericString = false)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        if (allowNumericString && v.ValueKind == JsonValueKind.String &&
            double.TryParse(v.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && double.IsFinite(s))
            return s;
        errors.Add(field ?? name, $"must be a number (was {Describe(v)})");
        return null;
    }

    public static long? Integer(JsonElement obj, string name, FieldErrors errors, string? field = null, bool allowIntegerString = false)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
        if (allowIntegerString && v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s))
            return s;
        errors.Add(field ?? name, $"must be an integer (was {Describe(v)})");
        return null;
    }

    public static bool? Boolean(JsonElement obj, string name, FieldErrors errors, string? field = null)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors.Add(field ?? name, $"must be a boolean (was {Describe(v)})");
        return null;
    }

    public static JsonElement? Object(JsonElement obj, string name, FieldErrors errors, string? field = null)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Object) return v;
        errors.Add(field ?? name, $"must be an object (was {Describe(v)})");
        return null;
    }

    public static IReadOnlyList<string>? StringArray(JsonElement obj, string name, FieldErrors errors, string? field = null)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            errors.Add(field ?? name, "must be an array of strings");
            return null;
        }
        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    public static IReadOnlyDictionary<string, string>? StringMap(JsonElement obj, string name, FieldErrors errors, string? field = null)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object || v.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            errors.Add(field ?? name, "must be an object whose values are strings");
            return null;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject()) map[p.Name] = p.Value.GetString()!;
        return map;
    }

    /// <summary>Flags members not in <paramref name="known"/> (typos would otherwise be silently ignored).</summary>
    public static void RejectUnknown(JsonElement obj, IReadOnlySet<string> known, FieldErrors errors, string prefix = "")
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!known.Contains(p.Name)) errors.Add(prefix + p.Name, "is not a known field");
        }
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
