using Reelay.TestSupport;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// The wall clock stepped by hours under load: the server's injected <see cref="TimeProvider"/> jumps at the "break"
/// and stays there (a stepped clock does not step back by itself). Backward: no healthy job may fail (leases and
/// deadlines must not read as expired or negative). Forward: jobs may end only as deadlines demand (deadline_exceeded,
/// with a reason), none may be left stuck.
/// </summary>
public sealed class ClockJumpScenario(TimeSpan jump) : IFaultScenario
{
    private readonly JumpingTimeProvider _time = new();

    public string Name => jump > TimeSpan.Zero ? "clock-forward" : "clock-backward";
    public string Description => $"The server's wall clock (its injected TimeProvider) stepped {(jump > TimeSpan.Zero ? "forward" : "backward")} by {Math.Abs(jump.TotalHours):0} h mid-run and left there; monotonic timers unaffected, as on a real machine.";
    public string? ReadinessCheck => null;
    public bool MayFailJobs => jump > TimeSpan.Zero;

    public Action<IServiceCollection>? ConfigureServices => services => services.AddSingleton<TimeProvider>(_time);

    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public Task BreakAsync(FaultServer server, CancellationToken ct)
    {
        _time.Jump(jump);
        return Task.CompletedTask;
    }

    public Task RepairAsync(FaultServer server, CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
