using System.Diagnostics;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// The file-system blob store's disk full: the blob directory is a 20 MB tmpfs (a loop-mounted ext4 file when tmpfs
/// cannot be mounted), filled to the last byte by a filler file for the outage and freed at the repair. Jobs finishing
/// meanwhile may fail (with a clear reason) or wait; none may be served half-written.
/// </summary>
public sealed class DiskFullScenario : IFaultScenario
{
    private string _mount = "";
    private string? _loopFile;
    private bool _mounted;

    public string Name => "disk-full";
    public string Description { get; private set; } = "The file-system blob store on a 20 MB tmpfs filled up by another file for the outage, then freed.";
    public string? ReadinessCheck => "blobs";
    public bool MayFailJobs => true;

    private string Filler => Path.Combine(_mount, "filler.bin");

    public async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct)
    {
        _mount = Path.Combine(dataDir.FullName, "blobs");
        Directory.CreateDirectory(_mount);
        if (await RunAsync("mount", ["-t", "tmpfs", "-o", "size=20m", "tmpfs", _mount], ct) is { } refused)
        {
            // No tmpfs for us (no CAP_SYS_ADMIN for it): a loop file formatted ext4 is the same fault on a real file system.
            _loopFile = Path.Combine(Path.GetTempPath(), $"reelay-faults-disk-{Guid.NewGuid():N}.img");
            await using (var image = File.Create(_loopFile)) image.SetLength(20L << 20);
            if (await RunAsync("mkfs.ext4", ["-q", "-F", _loopFile], ct) is { } mkfs) throw new InvalidOperationException($"tmpfs refused ({refused}); mkfs.ext4: {mkfs}");
            if (await RunAsync("mount", ["-o", "loop", _loopFile, _mount], ct) is { } loop) throw new InvalidOperationException($"tmpfs refused ({refused}); loop mount: {loop}");
            Description = "The file-system blob store on a 20 MB loop-mounted ext4 file (tmpfs was refused) filled up by another file for the outage, then freed.";
        }
        _mounted = true;
        // Readiness must report the disk before it is completely full; the store itself is small here.
        return new Dictionary<string, string?> { ["Reelay:Blobs:MinFreeMb"] = "2" };
    }

    public async Task BreakAsync(FaultServer server, CancellationToken ct)
    {
        var chunk = new byte[1 << 20];
        await using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        try
        {
            while (true) await filler.WriteAsync(chunk, ct);
        }
        catch (IOException)
        {
            // Full: now fill the last partial megabyte too.
            var small = new byte[4096];
            try
            {
                while (true) await filler.WriteAsync(small, ct);
            }
            catch (IOException)
            {
                // Not a byte left.
            }
        }
    }

    public Task RepairAsync(FaultServer server, CancellationToken ct)
    {
        File.Delete(Filler);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_mounted) await RunAsync("umount", ["-l", _mount], CancellationToken.None);
        _mounted = false;
        if (_loopFile is not null) File.Delete(_loopFile);
    }

    /// <summary>Null on success, else the tool's complaint.</summary>
    private static async Task<string?> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {(await stderr).Trim()}";
    }
}
