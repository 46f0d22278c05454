namespace Reelay.Providers.Highway.Contract;

/// <summary>The answer to both create calls: the async task's id (the Reelay job id).</summary>
public sealed record HighwayTaskCreated(string TaskId);
