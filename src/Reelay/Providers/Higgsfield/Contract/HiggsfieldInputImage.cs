namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>A start image by URL: <c>{"type":"image_url","image_url":"https://..."}</c> (Higgsfield takes no inline bytes).</summary>
public sealed record HiggsfieldInputImage(string Type, string ImageUrl)
{
    public const string ImageUrlType = "image_url";
}
