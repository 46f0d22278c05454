using Reelay.Bench.Load;

namespace Reelay.Reliability.Load;

/// <summary>What one sampling window measured: each traffic kind's load result, the server's RSS and the machine's load at its end.</summary>
public sealed record LoadWindow(int Index, TimeSpan EndsAt, LoadResult Creates, LoadResult Reads, LoadResult Relayed, long Deliveries, long RssKb, string LoadAverage)
{
    public long Errors => Creates.Failed + Reads.Failed + Relayed.Failed;

    public double RssMb => RssKb / 1024.0;
}
