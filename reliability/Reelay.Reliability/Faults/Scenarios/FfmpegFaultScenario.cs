namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// ffmpeg missing or crashing: the server's <c>Reelay:Media:FfmpegPath</c> is a symlink this scenario controls,
/// pointing at the real ffmpeg; the fault removes it (missing) or points it at a script that writes some output and
/// dies of SIGSEGV mid-encode while still answering <c>-version</c> (crashing). Jobs may fail with a clear reason.
/// </summary>
public sealed class FfmpegFaultScenario(bool crashing) : IFaultScenario
{
    private const string CrashScript = """
        #!/bin/sh
        # Answers -version like ffmpeg (so it looks installed), crashes on any real work.
        if [ "$1" = "-version" ]; then exec /usr/bin/ffmpeg -version; fi
        echo "frame=    1 fps=0.0 q=0.0 size=       0kB time=00:00:00.04" >&2
        kill -SEGV $$
        """;

    private string _link = "";
    private string _script = "";

    public string Name => crashing ? "ffmpeg-crashing" : "ffmpeg-missing";
    public string Description => crashing
        ? "`Reelay:Media:FfmpegPath` pointed at a script that answers `-version` but dies of SIGSEGV on any encode."
        : "`Reelay:Media:FfmpegPath` pointing at a file that is removed for the outage.";
    /// <summary>A crashing ffmpeg still starts, so /readyz (which runs <c>-version</c>) cannot tell; jobs report it instead.</summary>
    public string? ReadinessCheck => crashing ? null : "ffmpeg";
    public bool MayFailJobs => true;

    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the ffmpeg scenarios use a shell script and symlinks");
        var tools = Directory.CreateTempSubdirectory("reelay-faults-ffmpeg-").FullName;
        _link = Path.Combine(tools, "ffmpeg");
        _script = Path.Combine(tools, "ffmpeg-crash.sh");
        File.WriteAllText(_script, CrashScript.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(_script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(_link, "/usr/bin/ffmpeg");
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Reelay:Media:FfmpegPath"] = _link });
    }

    public Task BreakAsync(FaultServer server, CancellationToken ct)
    {
        File.Delete(_link);
        if (crashing) File.CreateSymbolicLink(_link, _script);
        return Task.CompletedTask;
    }

    public Task RepairAsync(FaultServer server, CancellationToken ct)
    {
        File.Delete(_link);
        File.CreateSymbolicLink(_link, "/usr/bin/ffmpeg");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_link.Length > 0) Directory.Delete(Path.GetDirectoryName(_link)!, recursive: true);
        return ValueTask.CompletedTask;
    }
}
