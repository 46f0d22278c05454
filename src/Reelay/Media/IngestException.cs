namespace Reelay.Media;

/// <summary>A result could not be turned into stored variants; the job step is retried until its deadline.</summary>
public sealed class IngestException(string message) : Exception(message);
