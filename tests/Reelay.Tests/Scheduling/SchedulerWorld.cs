using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage;
using Reelay.Tests.Support;
using Reelay.Upstreams;

namespace Reelay.Tests.Scheduling;

/// <summary>
/// Real services (SQLite file, transitions, writer) around a <see cref="JobStepRunner"/>, with a manual clock
/// and a scripted engine, so each engine outcome's effect on the stored job can be checked without sleeps.
/// </summary>
public sealed class SchedulerWorld : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _dir;

    public SchedulerWorld(ScriptedEngine engine, params UpstreamDefinition[] upstreams)
    {
        _dir = Path.Combine(Path.GetTempPath(), "reelay-sched-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reelay:DataDir"] = _dir,
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(new byte[32]),
            ["Reelay:Scheduler:RetryDelay"] = "00:00:02",
            ["Reelay:Scheduler:LeaseDuration"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddReelay(config);
        services.AddSingleton<TimeProvider>(Time);
        if (upstreams.Length == 0) services.AddSingleton<IVideoEngine>(engine);
        foreach (var definition in upstreams)
        {
            // Every upstream is served by the scripted engine's script, under the upstream's own name.
            var named = new ScriptedEngine((s, c, t) => Script(definition.Name, s, c, t), definition.Name, c => Find(definition.Name, c));
            services.AddSingleton<IVideoEngine>(sp => new ResilientUpstreamEngine(named, definition, sp.GetRequiredService<TimeProvider>()));
        }
        _services = services.BuildServiceProvider();
        Store = _services.GetRequiredService<IJobStore>();
        Runner = _services.GetRequiredService<JobStepRunner>();
    }

    public FakeTimeProvider Time { get; } = new();

    /// <summary>For upstream worlds: answers per upstream name (step kind, context) → outcome.</summary>
    public Func<string, string, EngineContext, CancellationToken, Task<EngineOutcome>> UpstreamScript { get; set; } =
        (_, _, _, _) => Task.FromResult(EngineOutcome.Failed("unscripted", "no script", retryable: false));

    /// <summary>For upstream worlds: the answer to "was it submitted?" per upstream name.</summary>
    public Func<string, EngineContext, Task<EngineOutcome?>> UpstreamFind { get; set; } = (_, _) => Task.FromResult<EngineOutcome?>(null);

    public List<string> UpstreamCalls { get; } = [];

    private Task<EngineOutcome> Script(string upstream, string step, EngineContext context, CancellationToken ct)
    {
        lock (UpstreamCalls) UpstreamCalls.Add($"{upstream}:{step}");
        return UpstreamScript(upstream, step, context, ct);
    }

    private Task<EngineOutcome?> Find(string upstream, EngineContext context)
    {
        lock (UpstreamCalls) UpstreamCalls.Add($"{upstream}:find");
        return UpstreamFind(upstream, context);
    }

    public IServiceProvider Services => _services;
    public IJobStore Store { get; }
    public JobStepRunner Runner { get; }

    public async Task<VideoJob> CreateAsync(TimeSpan? deadlineIn = null, string engine = "scripted", string model = "local")
    {
        await Store.MigrateAsync(CancellationToken.None);
        var now = Time.GetUtcNow();
        var job = new VideoJob
        {
            Id = JobIds.New(now),
            OwnerKeyId = Guid.NewGuid().ToString(),
            Request = new VideoRequest { Model = model, Prompt = "scripted", DurationSeconds = model == "local" ? 1 : 5 },
            Engine = engine,
            CreatedAt = now,
            UpdatedAt = now,
            DeadlineAt = now + (deadlineIn ?? TimeSpan.FromMinutes(30)),
            NextRunAt = now,
        };
        return (await Store.CreateAsync(job, CancellationToken.None)).Job;
    }

    public async Task<VideoJob> ClaimAsync(string id)
    {
        var claimed = await Store.ClaimDueAsync("node-a", Time.GetUtcNow(), TimeSpan.FromSeconds(30), 10, CancellationToken.None);
        return Assert.Single(claimed, j => j.Id == id);
    }

    public async Task<VideoJob> GetAsync(string id) => (await Store.GetAsync(id, CancellationToken.None))!;

    public async Task<IReadOnlyList<string>> EventTypesAsync(string id) =>
        (await Store.GetEventsAsync(id, 0, CancellationToken.None)).Select(e => e.Type).ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
