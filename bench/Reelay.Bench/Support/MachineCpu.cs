using System.Globalization;

namespace Reelay.Bench.Support;

/// <summary>
/// Whole-machine CPU time from the first line of <c>/proc/stat</c> (clock ticks since boot), so a scenario can say how busy
/// all cores were while it ran — the figure that tells "the cluster stopped scaling" from "the machine ran out of CPU".
/// </summary>
public static class MachineCpu
{
    public sealed record Sample(long Busy, long Total);

    public static Sample Read()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return new Sample(total - idle, total);
    }

    /// <summary>Fraction (0–1) of all cores' time spent busy between two samples.</summary>
    public static double BusyFraction(Sample before, Sample after)
    {
        var total = after.Total - before.Total;
        return total <= 0 ? 0 : (double)(after.Busy - before.Busy) / total;
    }
}
