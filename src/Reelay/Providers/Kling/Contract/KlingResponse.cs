using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>The success envelope: <c>{"code":0,"message":"SUCCEED","request_id":"...","data":...}</c>.</summary>
public sealed record KlingResponse<T>(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("data")] T Data);
