using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>Leonardo's (Hasura-style) error body: <c>{"error":"...","path":"$.field","code":"validation-failed"}</c>.</summary>
public sealed record LeonardoError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("code")] string Code);
