namespace Reelay.Reliability.Load;

/// <summary>
/// Sizes of one sustained-load run. The offered rates are fixed (open loop), so a slower server shows up as latency,
/// not as less load. Relayed jobs stay in flight upstream for the emulated generation time: in flight ≈ rate × mean time.
/// </summary>
/// <param name="Windows">Sampling windows of <paramref name="Window"/> each; the first is the warm-up.</param>
public sealed record LoadProfile(
    int Windows,
    TimeSpan Window,
    double CreatesPerSecond,
    double ReadsPerSecond,
    double RelayedPerSecond,
    TimeSpan GenerationMin,
    TimeSpan GenerationMax,
    int SeedJobs,
    TimeSpan DrainLimit)
{
    public const int Clients = 64;

    /// <summary>
    /// 10 minutes in 30 s windows; about 5,000 relayed jobs in flight (50/s × 100 s mean generation). The rates are what
    /// the shared 2-core machines sustain with the load generator on the same cores: a rate above the server's capacity
    /// would only measure a growing backlog.
    /// </summary>
    public static readonly LoadProfile Long = new(20, TimeSpan.FromSeconds(30), 150, 300, 50,
        TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(160), 2_000, TimeSpan.FromSeconds(240));

    /// <summary>CI: 4 windows of 5 s; about 100 relayed jobs in flight; the whole campaign within 45 s.</summary>
    public static readonly LoadProfile Short = new(4, TimeSpan.FromSeconds(5), 100, 200, 50,
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 300, TimeSpan.FromSeconds(12));

    public TimeSpan Duration => Window * Windows;
}
