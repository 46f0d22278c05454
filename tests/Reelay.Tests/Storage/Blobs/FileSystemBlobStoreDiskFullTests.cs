using System.Diagnostics;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs;

/// <summary>
/// The blob store's disk running out (found by the reliability suite's faults campaign): /readyz must report it
/// before writes fail, and a write cut short by ENOSPC must leave no partial file behind. The full disk is a real
/// 1 MB tmpfs (the tests run as root, as CI does).
/// </summary>
public sealed class FileSystemBlobStoreDiskFullTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-blobs-full");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PingAsync_FreeSpaceBelowMinimum_Failing()
    {
        var strict = new FileSystemBlobStore(_temp.Path, minFreeBytes: long.MaxValue);
        var relaxed = new FileSystemBlobStore(_temp.Path, minFreeBytes: 1);

        Assert.False(await strict.PingAsync(CancellationToken.None));
        Assert.True(await relaxed.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PutFileAsync_DiskFull_ThrowsAndLeavesNoPartialFile()
    {
        Assert.True(Environment.IsPrivilegedProcess, "this test mounts a tmpfs and must run as root (as CI does)");
        var mount = Path.Combine(_temp.Path, "disk");
        Directory.CreateDirectory(mount);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount);
        try
        {
            var store = new FileSystemBlobStore(mount);
            var source = Path.Combine(_temp.Path, "big.bin");
            await File.WriteAllBytesAsync(source, new byte[3 << 20]);

            await Assert.ThrowsAnyAsync<IOException>(() => store.PutFileAsync("jobs/j1/raw.mp4", source, CancellationToken.None));
            await Assert.ThrowsAnyAsync<IOException>(() => store.PutAsync("jobs/j1/min.mp4", File.OpenRead(source), "video/mp4", CancellationToken.None));

            Assert.Empty(Directory.GetFiles(mount, "*", SearchOption.AllDirectories));
            Assert.True(await store.PingAsync(CancellationToken.None), "the space a failed write took must be free again");
        }
        finally
        {
            await RunAsync("umount", "-l", mount);
        }
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        using var process = Process.Start(tool, args);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
