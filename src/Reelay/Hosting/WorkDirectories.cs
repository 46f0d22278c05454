namespace Reelay.Hosting;

/// <summary>Where engine steps keep their scratch files (downloads, transcodes): <c>{DataDir}/work/{jobId}</c>, one folder a job.</summary>
public static class WorkDirectories
{
    public static string Root(ReelayOptions options) => Path.Combine(Path.GetFullPath(options.DataDir), "work");

    public static string ForJob(string root, string jobId) => Path.Combine(root, jobId);
}
