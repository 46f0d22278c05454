namespace Reelay.Providers.HyprLab.Contract;

/// <summary>One <c>data[]</c> item: a polling URL (create) or a video URL (finished generation).</summary>
public sealed record HyprLabUrl(string Url);
