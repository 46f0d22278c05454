namespace Reelay.Engines;

/// <summary>
/// Something that turns a <see cref="Jobs.VideoRequest"/> into a video: the local ffmpeg renderer, the
/// no-op engine, or an upstream provider. The scheduler calls Submit once per job (again only if a
/// crash interrupted it), then Poll until the engine reports <see cref="EngineOutcomeKind.Produced"/>.
/// Expected failures are returned as outcomes, not thrown; an exception counts as a retryable failure.
/// </summary>
public interface IVideoEngine
{
    /// <summary>Unique name used in config and stored on each job (local, noop, kling, ...).</summary>
    string Name { get; }

    /// <summary>
    /// True when Submit produces the result at once with no work worth watching (the noop engine). The scheduler
    /// then skips the separate "started" write and commits start and success together.
    /// </summary>
    bool CompletesInstantly => false;

    Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct);

    Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct);

    /// <summary>
    /// Asks the engine whether a submit for this job already reached it (after a crash between intent and
    /// acknowledgement). Null means "not found, safe to submit". Engines that cannot know return null and
    /// document their policy.
    /// </summary>
    Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct) => Task.FromResult<EngineOutcome?>(null);
}
