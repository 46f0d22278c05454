using System.Text.Json.Serialization;
using Reelay.Jobs;

namespace Reelay.WebConsole;

/// <summary>A catalog model as the create form's script sees it: which choices to offer once it is picked.</summary>
public sealed record ConsoleModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("durations")] IReadOnlyList<int> Durations,
    [property: JsonPropertyName("modes")] IReadOnlyList<string> Modes,
    [property: JsonPropertyName("aspectRatios")] IReadOnlyList<string> AspectRatios,
    [property: JsonPropertyName("cfgScale")] bool CfgScale,
    [property: JsonPropertyName("endFrame")] bool EndFrame,
    [property: JsonPropertyName("endFrameRequiresPro")] bool EndFrameRequiresPro,
    [property: JsonPropertyName("imageToVideo")] bool ImageToVideo,
    [property: JsonPropertyName("textToVideo")] bool TextToVideo,
    [property: JsonPropertyName("maxPromptLength")] int MaxPromptLength)
{
    public static ConsoleModel Of(ModelSpec m) => new(
        m.Name, m.Durations, m.Modes, m.AspectRatios, m.CfgScale, m.EndFrame, m.EndFrameRequiresPro, m.ImageToVideo, m.TextToVideo,
        Math.Min(m.MaxPromptLength, VideoRequestValidator.MaxPromptLength));
}
