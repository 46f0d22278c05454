namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>The enumerations and limits APIFrame documents for <c>/kling-imagine</c>, <c>/fetch</c> and <c>/fetch-many</c>.</summary>
public static class ApiFrameValues
{
    public const string TextToVideo = "text2video";
    public const string ImageToVideo = "image2video";
    public const string TaskType = "kling-video";
    /// <summary>Used when the request names no model (APIFrame does not document its default; Kling's own default).</summary>
    public const string DefaultModel = "kling-v1";
    /// <summary>The one model APIFrame allows <c>mode: pro</c> with.</summary>
    public const string ProModel = "kling-v1-5";
    public const string WebhookSecretHeader = "x-webhook-secret";
    public const int MinFetchMany = 2;
    public const int MaxFetchMany = 20;

    public static readonly IReadOnlyList<string> GenerationTypes = [TextToVideo, ImageToVideo];
    public static readonly IReadOnlyList<string> Models = ["kling-v1", "kling-v1-5", "kling-v1-6"];
    public static readonly IReadOnlyList<string> Modes = ["std", "pro"];
    public static readonly IReadOnlyList<string> AspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"];
    public static readonly IReadOnlyList<int> Durations = [5, 10];
}
