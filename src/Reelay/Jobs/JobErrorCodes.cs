namespace Reelay.Jobs;

/// <summary>Stable error codes reported on failed or canceled jobs.</summary>
public static class JobErrorCodes
{
    public const string DeadlineExceeded = "deadline_exceeded";
    public const string ContentRejected = "content_rejected";
    public const string EngineFailed = "engine_failed";
    public const string IngestFailed = "ingest_failed";
    public const string Canceled = "canceled";
    public const string InvalidInput = "invalid_input";
    public const string EngineUnavailable = "engine_unavailable";
}
