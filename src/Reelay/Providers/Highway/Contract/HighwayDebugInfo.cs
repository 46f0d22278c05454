namespace Reelay.Providers.Highway.Contract;

/// <summary>Novita's debug info: epoch milliseconds as strings, "" until the moment happened.</summary>
public sealed record HighwayDebugInfo(string RequestInfo, string SubmitTimeMs, string ExecuteTimeMs, string CompleteTimeMs);
