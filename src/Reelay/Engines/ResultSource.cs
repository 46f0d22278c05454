using Reelay.Jobs;

namespace Reelay.Engines;

/// <summary>
/// Where a produced video can be read from: a local file (local engine), an upstream URL, or
/// outputs already stored in the blob store (the noop engine's shared clip; ingest is skipped).
/// </summary>
public sealed record ResultSource(string? LocalPath, Uri? RemoteUrl, JobOutputs? Prepared = null)
{
    public static ResultSource File(string path) => new(path, null);
    public static ResultSource Remote(Uri url) => new(null, url);
    public static ResultSource Stored(JobOutputs outputs) => new(null, null, outputs);
}
