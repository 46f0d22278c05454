namespace Reelay.Providers.Highway.Contract;

/// <summary>Extra facts of a task: the seed as a string ("" when none was given) and timing debug info.</summary>
public sealed record HighwayExtra(string Seed, HighwayDebugInfo DebugInfo);
