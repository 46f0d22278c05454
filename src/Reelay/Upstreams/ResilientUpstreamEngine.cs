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
/// not seen by the circuit breaker). A second breaker (<see cref="ConnectFailureBreaker"/>) opens at once after
/// <see cref="UpstreamDefinition.ConnectFailuresToOpen"/> consecutive calls that could not connect at all, and every
/// failure that provably sent nothing is marked <see cref="EngineOutcome.NothingSent"/>, so the scheduler fails over
/// without asking a dead upstream whether it accepted the job. Keeps the last errors for operators.
/// </summary>
public sealed class ResilientUpstreamEngine : IVideoEngine
{
    private const int RecentErrorCount = 10;
    private readonly IVideoEngine _inner;
    private readonly ResiliencePipeline<EngineOutcome> _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _time;
    private readonly Queue<UpstreamError> _errors = new();
    private readonly ConnectFailureBreaker _connect;
    private DateTimeOffset _openUntil;

    public ResilientUpstreamEngine(IVideoEngine inner, UpstreamDefinition definition, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        Definition = definition;
        Budget = new UpstreamRequestBudget(definition.MaxStatusCallsPerSecond, time);
        _connect = new ConnectFailureBreaker(definition.ConnectFailuresToOpen, definition.BreakDuration, time);
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
    public string Circuit => _connect.IsOpen ? "open" : _state.CircuitState switch
    {
        CircuitState.Closed => _connect.Tripped ? "half-open" : "closed",
        CircuitState.Open => BreakElapsed ? "half-open" : "open",
        CircuitState.HalfOpen => "half-open",
        _ => "isolated",
    };

    public bool IsAvailable => !_connect.IsOpen &&
                               (_state.CircuitState is CircuitState.Closed or CircuitState.HalfOpen
                                || (_state.CircuitState == CircuitState.Open && BreakElapsed));

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

    public async Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        // An open circuit cannot answer "was it submitted?": report unsure (retryable) so nothing is submitted twice.
        if (!IsAvailable) return CircuitOpen(_connect.IsOpen ? _connect.RetryAfter : Definition.BreakDuration);
        var scope = UpstreamCallScope.Begin();
        try
        {
            var found = await _inner.FindSubmittedAsync(context, ct).ConfigureAwait(false);
            if (found is not null) return Observe(found, scope);
            Observe(scope);
            return null;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            Observe(scope);
            throw;
        }
    }

    private async Task<EngineOutcome> RunAsync(Func<CancellationToken, Task<EngineOutcome>> call, CancellationToken ct)
    {
        if (_connect.IsOpen) return CircuitOpen(_connect.RetryAfter);
        var scope = UpstreamCallScope.Begin();
        try
        {
            var outcome = Observe(await _pipeline.ExecuteAsync(async c => await call(c).ConfigureAwait(false), ct).ConfigureAwait(false), scope);
            if (outcome.Kind == EngineOutcomeKind.Failed) Record(outcome.ErrorCode ?? "failed", outcome.ErrorMessage ?? "");
            return outcome;
        }
        catch (BrokenCircuitException ex)
        {
            return CircuitOpen(ex.RetryAfter ?? Definition.BreakDuration);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Observe(scope);
            Record("exception", ex.Message);
            throw;
        }
    }

    /// <summary>Feeds the connect breaker and marks a failure that provably sent nothing.</summary>
    private EngineOutcome Observe(EngineOutcome outcome, UpstreamCallScope scope)
    {
        Observe(scope);
        if (outcome.Kind != EngineOutcomeKind.Failed)
        {
            _connect.OnAnswer(); // the upstream was reached, whether or not through the tracked client
            return outcome;
        }
        if (!outcome.NothingSent && !scope.NothingSent) return outcome;
        if (scope.ConnectFailures == 0) _connect.OnConnectFailure(); // an engine's own verdict (no HTTP seen) counts too
        return outcome.NothingSent ? outcome : outcome with { NothingSent = true };
    }

    private void Observe(UpstreamCallScope scope)
    {
        if (scope.Answered > 0) _connect.OnAnswer();
        else if (scope.NothingSent) _connect.OnConnectFailure();
    }

    private EngineOutcome CircuitOpen(TimeSpan retryAfter) =>
        EngineOutcome.Failed("upstream_circuit_open", $"upstream '{Name}' is unavailable (circuit open)", retryable: true, retryAfter: retryAfter) with
        {
            NothingSent = true,
        };

    private void Record(string code, string message)
    {
        lock (_errors)
        {
            _errors.Enqueue(new UpstreamError(_time.GetUtcNow(), code, message.Length > 300 ? message[..300] : message));
            while (_errors.Count > RecentErrorCount) _errors.Dequeue();
        }
    }
}
