using Polly;
using Polly.CircuitBreaker;
using Reelay.Engines;

namespace Reelay.Upstreams;

/// <summary>
/// Wraps one upstream's engine in a circuit breaker (Polly): after repeated retryable failures (5xx, 429,
/// timeouts, connection errors, malformed answers) the circuit opens and calls fail fast as retryable, so the
/// router sends new work elsewhere; after the break duration one trial call decides whether it closes again.
/// Status queries are paced by the upstream's <see cref="UpstreamRequestBudget"/>: a poll that finds it spent is
/// deferred without calling the upstream (the job keeps its progress and is polled again shortly; not an error, and
/// not seen by the circuit breaker). Keeps the last errors for operators.
/// </summary>
public sealed class ResilientUpstreamEngine : IVideoEngine
{
    private const int RecentErrorCount = 10;
    private readonly IVideoEngine _inner;
    private readonly ResiliencePipeline<EngineOutcome> _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _time;
    private readonly Queue<UpstreamError> _errors = new();
    private DateTimeOffset _openUntil;

    public ResilientUpstreamEngine(IVideoEngine inner, UpstreamDefinition definition, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        Definition = definition;
        Budget = new UpstreamRequestBudget(definition.MaxStatusCallsPerSecond, time);
        _pipeline = new ResiliencePipelineBuilder<EngineOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<EngineOutcome>
            {
                FailureRatio = definition.FailureRatio,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = definition.BreakDuration,
                StateProvider = _state,
                OnOpened = args =>
                {
                    _openUntil = time.GetUtcNow() + args.BreakDuration;
                    return ValueTask.CompletedTask;
                },
                ShouldHandle = new PredicateBuilder<EngineOutcome>()
                    .Handle<Exception>(e => e is not OperationCanceledException)
                    .HandleResult(o => o.Kind == EngineOutcomeKind.Failed && o.Retryable),
            })
            .Build();
    }

    public UpstreamDefinition Definition { get; }

    /// <summary>This node's status-query budget for the upstream.</summary>
    public UpstreamRequestBudget Budget { get; }

    public string Name => _inner.Name;

    /// <summary>The upstream's bulk task listing, when its API has one (see <see cref="UpstreamSweepService"/>).</summary>
    public IUpstreamTaskLister? TaskLister => _inner as IUpstreamTaskLister;

    public bool IsUpstream => true;

    /// <summary>
    /// closed, open, half-open or isolated. Polly moves an open circuit to half-open only when a call is tried, so
    /// an open circuit whose break has elapsed is reported (and routed to) as half-open: the next call is the trial.
    /// </summary>
    public string Circuit => _state.CircuitState switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => BreakElapsed ? "half-open" : "open",
        CircuitState.HalfOpen => "half-open",
        _ => "isolated",
    };

    public bool IsAvailable => _state.CircuitState is CircuitState.Closed or CircuitState.HalfOpen
                               || (_state.CircuitState == CircuitState.Open && BreakElapsed);

    private bool BreakElapsed => _time.GetUtcNow() >= _openUntil;

    public IReadOnlyList<UpstreamError> RecentErrors
    {
        get { lock (_errors) return [.. _errors]; }
    }

    public Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct) => RunAsync(c => _inner.SubmitAsync(context, c), ct);

    public Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        if (Budget.TryTake() is { } deferBy) return Task.FromResult(EngineOutcome.Running(context.Job.Progress, deferBy));
        return RunAsync(c => _inner.PollAsync(context, c), ct);
    }

    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        // An open circuit cannot answer "was it submitted?": report unsure (retryable) so nothing is submitted twice.
        if (!IsAvailable)
            return Task.FromResult<EngineOutcome?>(EngineOutcome.Failed("upstream_circuit_open", $"upstream '{Name}' is unavailable (circuit open)", retryable: true));
        return _inner.FindSubmittedAsync(context, ct);
    }

    private async Task<EngineOutcome> RunAsync(Func<CancellationToken, Task<EngineOutcome>> call, CancellationToken ct)
    {
        try
        {
            var outcome = await _pipeline.ExecuteAsync(async c => await call(c).ConfigureAwait(false), ct).ConfigureAwait(false);
            if (outcome.Kind == EngineOutcomeKind.Failed) Record(outcome.ErrorCode ?? "failed", outcome.ErrorMessage ?? "");
            return outcome;
        }
        catch (BrokenCircuitException ex)
        {
            return EngineOutcome.Failed("upstream_circuit_open", $"upstream '{Name}' is unavailable (circuit open)", retryable: true,
                retryAfter: ex.RetryAfter ?? Definition.BreakDuration);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Record("exception", ex.Message);
            throw;
        }
    }

    private void Record(string code, string message)
    {
        lock (_errors)
        {
            _errors.Enqueue(new UpstreamError(_time.GetUtcNow(), code, message.Length > 300 ? message[..300] : message));
            while (_errors.Count > RecentErrorCount) _errors.Dequeue();
        }
    }
}
