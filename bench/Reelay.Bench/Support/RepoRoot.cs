namespace Reelay.Bench.Support;

/// <summary>Finds the checkout the bench runs from (the directory holding Reelay.slnx).</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reelay.slnx"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("Reelay.slnx not found above the current directory or the bench binary");
    }
}
