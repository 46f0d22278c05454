namespace Reelay.Providers.Highway.Contract;

/// <summary>A result audio file of audio tasks (never produced by video tasks; kept for the shared contract).</summary>
public sealed record HighwayAudio(string AudioUrl, string AudioUrlTtl, string AudioType);
