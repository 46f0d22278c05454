namespace Reelay.Api.Native;

/// <summary>The native API's video object (docs/dialects.md, "Native API conventions"). Times are unix seconds.</summary>
public sealed record NativeVideo
{
    public required string Id { get; init; }
    public string Object { get; init; } = "video";
    public required string Status { get; init; }
    public int Progress { get; init; }
    public required string Model { get; init; }
    /// <summary>The API the job was created through: native, kling, higgsfield, highway, hyprlab, leonardo or apiframe.</summary>
    public string Dialect { get; init; } = "native";
    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public double? CfgScale { get; init; }
    public int Duration { get; init; }
    public required string AspectRatio { get; init; }
    public required string Mode { get; init; }
    public long? Seed { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public long CreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? CompletedAt { get; init; }
    public long? ExpiresAt { get; init; }
    public NativeVideoError? Error { get; init; }
    public NativeVideoOutputs? Outputs { get; init; }
}
