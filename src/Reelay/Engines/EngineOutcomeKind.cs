namespace Reelay.Engines;

public enum EngineOutcomeKind
{
    /// <summary>Accepted by the engine; poll later. <see cref="EngineOutcome.UpstreamRef"/> identifies the work.</summary>
    Submitted,
    /// <summary>Still working; poll again after <see cref="EngineOutcome.RetryAfter"/>.</summary>
    Running,
    /// <summary>Finished; <see cref="EngineOutcome.Result"/> says where the video is.</summary>
    Produced,
    /// <summary>Could not finish. Retryable failures are tried again until the deadline.</summary>
    Failed,
}
