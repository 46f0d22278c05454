namespace Reelay.Providers.Leonardo;

/// <summary>Keys of the Leonardo-only facts kept in <see cref="Jobs.VideoRequest.Extensions"/>.</summary>
public static class LeonardoExtensions
{
    public const string Model = "leonardo.model";
    public const string Resolution = "leonardo.resolution";
    public const string Width = "leonardo.width";
    public const string Height = "leonardo.height";
    public const string IsPublic = "leonardo.isPublic";
    public const string FrameInterpolation = "leonardo.frameInterpolation";
    public const string PromptEnhanceInstruction = "leonardo.promptEnhanceInstruction";
    public const string StyleIds = "leonardo.styleIds";
    public const string Elements = "leonardo.elements";
    /// <summary>Copied from the key when the job is created; a later change of the key's callback applies to new jobs only.</summary>
    public const string CallbackUrl = "leonardo.callbackUrl";
    public const string CallbackKey = "leonardo.callbackKey";
}
