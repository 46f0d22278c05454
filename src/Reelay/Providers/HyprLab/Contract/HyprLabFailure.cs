namespace Reelay.Providers.HyprLab.Contract;

/// <summary>Why a generation failed, as shown in its polling answer.</summary>
public sealed record HyprLabFailure(string Message);
