namespace Reelay.Providers.Leonardo;

/// <summary>An image named the Leonardo way: an id plus <c>UPLOADED</c> (an init-image upload) or <c>GENERATED</c> (a finished job).</summary>
public sealed record LeonardoImageRef(string Id, string Type)
{
    public const string Uploaded = "UPLOADED";
    public const string Generated = "GENERATED";
}
