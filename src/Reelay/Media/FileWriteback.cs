using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Reelay.Media;

/// <summary>
/// Starts the kernel writing a file's already-written range to disk without waiting for it (Linux
/// <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>). A large download that is fsynced only at the end makes the final
/// fsync wait for every byte; starting writeback as each chunk lands overlaps the disk with the network, so the
/// fsync that makes the result durable finds little left to do. Only a performance hint: where the call is missing
/// (another OS, another libc) or fails, nothing changes and the final fsync still guarantees durability.
/// </summary>
internal static class FileWriteback
{
    private const uint SyncFileRangeWrite = 2;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Start(SafeFileHandle file, long offset, long length)
    {
        if (_unavailable || length <= 0) return;
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            _ = sync_file_range((int)file.DangerousGetHandle(), offset, length, SyncFileRangeWrite);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
        finally
        {
            if (added) file.DangerousRelease();
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for one blittable call.
    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = false)]
    private static extern int sync_file_range(int fd, long offset, long nbytes, uint flags);
#pragma warning restore SYSLIB1054
}
