using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>Every Kling error answer: <c>{"code":N,"message":"...","request_id":"..."}</c>.</summary>
public sealed record KlingErrorBody(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string RequestId);
