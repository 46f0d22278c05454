using System.Text.Json.Serialization;

namespace Reelay.Providers.Highway.Contract;

/// <summary>
/// The body of <c>POST /v3/async/kling-2.5-turbo-i2v</c> (with <see cref="Image"/>) or <c>-t2v</c> (with
/// <see cref="AspectRatio"/>) as Reelay sends it upstream. Optional members are left out rather than sent as null.
/// </summary>
public sealed record HighwayCreateRequest
{
    /// <summary>i2v only: an http(s) URL or raw base64 (no <c>data:</c> prefix).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Image { get; init; }

    public required string Prompt { get; init; }

    /// <summary>A string, "5" or "10".</summary>
    public required string Duration { get; init; }

    /// <summary>t2v only: 16:9, 9:16 or 1:1.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AspectRatio { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CfgScale { get; init; }

    /// <summary>Highway serves "pro" only.</summary>
    public string Mode { get; init; } = "pro";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NegativePrompt { get; init; }

    /// <summary>Carries <c>extra.webhook.url</c> when Reelay asks for the webhook; left out otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HighwayCreateExtra? Extra { get; init; }
}
