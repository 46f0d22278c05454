namespace Reelay.Providers.Highway.Contract;

/// <summary>
/// <c>GET /v3/async/task-result</c> (Novita layout): task state plus result lists. Video tasks fill only
/// <see cref="Videos"/>, and only once the task succeeded; the other lists are always present and empty.
/// </summary>
public sealed record HighwayTaskResult(
    HighwayExtra Extra,
    HighwayTask Task,
    IReadOnlyList<HighwayImage> Images,
    IReadOnlyList<HighwayVideo> Videos,
    IReadOnlyList<HighwayAudio> Audios);
