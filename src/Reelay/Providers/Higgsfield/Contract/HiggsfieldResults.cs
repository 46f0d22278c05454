namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>A completed job's files: <c>min</c> is the optimized version, <c>raw</c> the full-quality one.</summary>
public sealed record HiggsfieldResults(HiggsfieldResult Min, HiggsfieldResult Raw);
