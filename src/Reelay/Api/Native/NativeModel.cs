namespace Reelay.Api.Native;

/// <summary>A model catalog entry as listed by <c>GET /v1/models</c>.</summary>
public sealed record NativeModel(
    string Id,
    string? DisplayName,
    IReadOnlyList<int> Durations,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> AspectRatios,
    bool CfgScale,
    bool EndFrame,
    bool ImageToVideo,
    bool TextToVideo,
    int MaxPromptLength)
{
    public string Object { get; init; } = "model";
}
