namespace Reelay.Providers.Kling.Contract;

/// <summary>The two Kling video task kinds; each is its own path segment and its own list.</summary>
public static class KlingTaskKinds
{
    public const string Text2Video = "text2video";
    public const string Image2Video = "image2video";
}
