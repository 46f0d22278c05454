namespace Reelay.TestSupport;

/// <summary>The checkout's root: the first directory above the test binaries that holds <c>Reelay.slnx</c>.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reelay.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("the repository root (Reelay.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
