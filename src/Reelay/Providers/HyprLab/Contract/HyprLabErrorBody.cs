namespace Reelay.Providers.HyprLab.Contract;

/// <summary>The error envelope: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record HyprLabErrorBody(HyprLabError Error);
