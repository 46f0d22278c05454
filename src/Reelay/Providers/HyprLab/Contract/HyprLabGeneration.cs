namespace Reelay.Providers.HyprLab.Contract;

/// <summary>
/// The create answer: <c>{"created":&lt;unix s&gt;,"id":"...","data":[{"url":"&lt;polling URL&gt;"}]}</c>. The polling URL is
/// absolute and keeps the <c>/compat/hyprlab</c> prefix when the request came through it.
/// </summary>
public sealed record HyprLabGeneration(long Created, string Id, IReadOnlyList<HyprLabUrl> Data);
