namespace Reelay.Providers.Highway.Contract;

/// <summary>The task part of a task result. <c>eta</c> (seconds) and <c>progress_percent</c> are integers.</summary>
/// <param name="Status">One of <see cref="HighwayTaskStatus"/>.</param>
/// <param name="Reason">Why the task failed; "" otherwise.</param>
public sealed record HighwayTask(string TaskId, string TaskType, string Status, string Reason, int Eta, int ProgressPercent);
