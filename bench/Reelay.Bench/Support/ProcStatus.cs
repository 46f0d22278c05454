using System.Globalization;

namespace Reelay.Bench.Support;

/// <summary>Memory as the OS sees it, from <c>/proc/&lt;pid&gt;/status</c> (kB values), as docs/benchmark-plan.md asks.</summary>
public static class ProcStatus
{
    /// <summary>A field such as <c>VmRSS</c> or <c>VmHWM</c> (peak RSS) in kB; null when the process or field is gone.</summary>
    public static long? ReadKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>Resets this process's VmHWM to its current RSS (Linux ≥ 4.0: "5" to clear_refs), so a later VmHWM is the peak since now.</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");
}
