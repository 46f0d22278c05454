using System.Security.Cryptography;

namespace Reelay.Hosting;

/// <summary>
/// Loads the master key: from configuration, else from <c>{DataDir}/master.key</c>, creating it (0600) on first
/// start. Creation is race-safe between processes sharing the data dir (create-new, else read the winner's).
/// </summary>
public static class MasterKey
{
    public static byte[] Load(ReelayOptions options)
    {
        if (options.Security.MasterKey is { } configured) return Convert.FromBase64String(configured);
        var dir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "master.key");
        if (!File.Exists(path))
        {
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var tmp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(tmp, fresh);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(tmp, path, overwrite: false); }
            catch (IOException) { File.Delete(tmp); }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
