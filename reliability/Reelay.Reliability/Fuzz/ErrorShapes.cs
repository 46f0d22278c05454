using System.Text.Json;

namespace Reelay.Reliability.Fuzz;

/// <summary>
/// Whether a 4xx answer is in its dialect's documented error shape (docs/dialects.md): the check a client
/// library's error parser makes. Returns null when it is, else what is wrong.
/// </summary>
public static class ErrorShapes
{
    public static string? Check(FuzzDialect dialect, int status, string? contentType, ReadOnlySpan<byte> body)
    {
        if (dialect == FuzzDialect.Other) return null;
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"not JSON ({contentType ?? "no content type"}, {body.Length} bytes)";
        }
        if (root.ValueKind != JsonValueKind.Object) return $"JSON {root.ValueKind}, not an object";
        return dialect switch
        {
            // RFC 9457 problem details.
            FuzzDialect.Native => contentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) != true
                ? $"content type {contentType ?? "none"}, not application/problem+json"
                : Has(root, "status", JsonValueKind.Number) && Has(root, "title", JsonValueKind.String) ? null : "problem without status/title",
            // {"code":N,"message":"...","request_id":"..."}
            FuzzDialect.Kling => Has(root, "code", JsonValueKind.Number) && Has(root, "message", JsonValueKind.String) && Has(root, "request_id", JsonValueKind.String)
                ? null : "not {code, message, request_id}",
            // FastAPI: {"detail": "..."} or {"detail": [{loc, msg, type}]}
            FuzzDialect.Higgsfield => root.TryGetProperty("detail", out var detail) && detail.ValueKind is JsonValueKind.String or JsonValueKind.Array
                ? null : "not {detail}",
            // Novita: {"code":<http>,"reason","message","metadata":{}}
            FuzzDialect.Highway => Has(root, "code", JsonValueKind.Number) && Has(root, "reason", JsonValueKind.String) && Has(root, "message", JsonValueKind.String)
                && Has(root, "metadata", JsonValueKind.Object)
                ? root.GetProperty("code").GetInt32() == status ? null : $"code {root.GetProperty("code")} differs from HTTP {status}"
                : "not {code, reason, message, metadata}",
            // OpenAI style: {"error":{"message","type","code"}}
            FuzzDialect.HyprLab => root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && Has(error, "message", JsonValueKind.String)
                && error.TryGetProperty("type", out _)
                ? null : "not {error: {message, type, code}}",
            // Hasura style: {"error","path","code"}
            FuzzDialect.Leonardo => Has(root, "error", JsonValueKind.String) && Has(root, "path", JsonValueKind.String) && Has(root, "code", JsonValueKind.String)
                ? null : "not {error, path, code}",
            // 400 {"errors":[{"msg"}]}; 401 and server errors {}.
            FuzzDialect.ApiFrame => root.TryGetProperty("errors", out var errors)
                ? errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 && errors.EnumerateArray().All(e => Has(e, "msg", JsonValueKind.String))
                    ? null : "errors is not [{msg}]"
                : root.EnumerateObject().Any() ? "neither {errors: [...]} nor {}" : null,
            _ => null,
        };
    }

    private static bool Has(JsonElement o, string name, JsonValueKind kind) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == kind;
}
