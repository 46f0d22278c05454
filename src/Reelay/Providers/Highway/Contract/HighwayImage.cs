namespace Reelay.Providers.Highway.Contract;

/// <summary>A result image of image tasks (never produced by video tasks; kept for the shared contract).</summary>
public sealed record HighwayImage(string ImageUrl, string ImageUrlTtl, string ImageType);
