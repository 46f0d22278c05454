namespace Reelay.IntegrationTests.Support;

/// <summary>Fresh directories under the system temp dir, removed after the test.</summary>
public static class TempDirs
{
    public static string Create(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Delete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the OS temp cleaner takes the rest.
        }
    }
}
