using System.Text.Json.Serialization;

namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>
/// The body of <c>POST /generate/kling-2-5</c>: <c>{"params":{...},"webhook":{"url":"...","secret":"..."}}</c>. The
/// webhook is left out when there is none (Reelay asks for one only when its public base URL is known).
/// </summary>
public sealed record HiggsfieldGenerateRequest(HiggsfieldGenerateParams Params)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HiggsfieldWebhook? Webhook { get; init; }
}
