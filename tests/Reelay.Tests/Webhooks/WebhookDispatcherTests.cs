using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Client;
using Reelay.Hosting;
using Reelay.Storage;
using Reelay.Tests.Support;
using Reelay.Webhooks;

namespace Reelay.Tests.Webhooks;

public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private const string Payload = """{"id":"vid_1","object":"video","status":"completed"}""";

    private readonly TimerCountingTimeProvider _time = new();
    private readonly InMemoryWebhookOutbox _outbox;
    private readonly InMemoryKeyStore _keys = new();
    private readonly KeySecrets _secrets = new(RandomNumberGenerator.GetBytes(32));
    private readonly WebhookSignal _signal = new();
    private readonly ApiKey _key;
    private readonly List<IAsyncDisposable> _cleanup = [];
    private WebhookDispatcher? _dispatcher;
    private int _messages;

    public WebhookDispatcherTests()
    {
        _outbox = new InMemoryWebhookOutbox(_time);
        // Generation 2: proves the dispatcher signs with the key's current generation, not a default.
        _key = new ApiKey(Guid.NewGuid(), "test", ApiKeyRole.User, [], _time.GetUtcNow(), null, WebhookSecretGeneration: 2);
    }

    public Task InitializeAsync() => _keys.InsertAsync(_key, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_dispatcher is not null)
        {
            await _dispatcher.StopAsync(CancellationToken.None);
            _dispatcher.Dispose();
        }
        foreach (var item in _cleanup) await item.DisposeAsync();
    }

    [Fact]
    public async Task Deliver_SignedMessage_VerifiesWithSdkVerifier()
    {
        var receiver = await StartReceiverAsync(async (_, context) => await context.Response.WriteAsync("thanks"));
        var message = Enqueue(receiver.Url, new Dictionary<string, string> { ["x-webhook-secret"] = "dialect-value" });
        StartDispatcher();

        await WaitForStateAsync(message, OutboxState.Delivered);

        var received = Assert.Single(receiver.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("application/json", received.ContentType?.Split(';')[0]);
        Assert.Equal(Payload, received.Body);
        Assert.Equal(message.Id, received.Headers["webhook-id"]);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(), received.Headers["webhook-timestamp"]);
        Assert.Equal("dialect-value", received.Headers["x-webhook-secret"]);
        var current = new WebhookVerifier([_secrets.WebhookSecret(_key.Id, 2)], _time);
        Assert.Equal(WebhookVerificationResult.Valid, current.Verify(received.Headers, received.Body));
        var previous = new WebhookVerifier([_secrets.WebhookSecret(_key.Id, 1)], _time);
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, previous.Verify(received.Headers, received.Body));

        var attempt = Assert.Single(_outbox.Attempts(message.Id));
        Assert.Equal((1, 200, null, "thanks"), (attempt.Attempt, attempt.StatusCode, attempt.Error, attempt.ResponseSnippet));
        Assert.Equal(message.JobId, attempt.JobId);
    }

    [Fact]
    public async Task Deliver_ReceiverFailsThenSucceeds_RetriedAndBothAttemptsRecorded()
    {
        var receiver = await StartReceiverAsync(async (call, context) =>
        {
            if (call == 1)
            {
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("boom");
            }
        });
        var message = Enqueue(receiver.Url);
        var firstAt = _time.GetUtcNow();
        StartDispatcher();

        await Eventually.TrueAsync(() => _outbox.Get(message.Id).Attempts == 1, "the first attempt is recorded");
        var pending = _outbox.Get(message.Id);
        Assert.Equal(OutboxState.Pending, pending.State);
        Assert.InRange(pending.NextAttemptAt, firstAt.AddSeconds(4.5), firstAt.AddSeconds(5.5));

        _time.Advance(TimeSpan.FromSeconds(6));
        await WaitForStateAsync(message, OutboxState.Delivered);

        var attempts = _outbox.Attempts(message.Id);
        Assert.Equal([(1, 500, "boom"), (2, 200, null)], attempts.Select(a => (a.Attempt, a.StatusCode, a.ResponseSnippet)));
        Assert.Equal(firstAt.AddSeconds(6), attempts[1].At);
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(message.Id, r.Headers["webhook-id"]));
        Assert.Equal(1, _keys.Lookups);
    }

    [Fact]
    public async Task Deliver_RetryAfterSeconds_NextAttemptNoEarlierThanAsked()
    {
        var receiver = await StartReceiverAsync((_, context) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        var message = Enqueue(receiver.Url);
        var firstAt = _time.GetUtcNow();
        StartDispatcher();

        await Eventually.TrueAsync(() => _outbox.Get(message.Id).Attempts == 1, "the first attempt is recorded");

        var entry = _outbox.Get(message.Id);
        Assert.Equal((OutboxState.Pending, 503), (entry.State, entry.LastStatusCode));
        Assert.Equal(firstAt.AddSeconds(120), entry.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_Gone410_FailedWithoutRetry()
    {
        var receiver = await StartReceiverAsync((_, context) =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });
        var message = Enqueue(receiver.Url);
        StartDispatcher();

        await WaitForStateAsync(message, OutboxState.Failed);

        Assert.Equal(410, Assert.Single(_outbox.Attempts(message.Id)).StatusCode);
    }

    [Fact]
    public async Task Deliver_LoopbackUnderDefaultPolicy_BlockedRecordedAndRescheduled()
    {
        var receiver = await StartReceiverAsync();
        var message = Enqueue(receiver.Url);
        StartDispatcher(new WebhookOptions { AllowLoopback = false });

        await Eventually.TrueAsync(() => _outbox.Get(message.Id).Attempts == 1, "the blocked attempt is recorded");

        var attempt = Assert.Single(_outbox.Attempts(message.Id));
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith("blocked:", attempt.Error);
        Assert.Equal(OutboxState.Pending, _outbox.Get(message.Id).State);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Deliver_ReceiverRedirects_NotFollowedRecordedAsFailedAttempt()
    {
        // A hostile receiver points its 302 at another address (here a second listener standing for an internal one):
        // the dispatcher never follows, whatever the target, so the policy cannot be bypassed by a redirect.
        var target = await StartReceiverAsync();
        var receiver = await StartReceiverAsync((_, context) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = target.Url;
            return Task.CompletedTask;
        });
        var message = Enqueue(receiver.Url);
        StartDispatcher();

        await Eventually.TrueAsync(() => _outbox.Get(message.Id).Attempts == 1, "the redirected attempt is recorded");

        Assert.Equal(302, Assert.Single(_outbox.Attempts(message.Id)).StatusCode);
        Assert.Equal(OutboxState.Pending, _outbox.Get(message.Id).State);
        Assert.Single(receiver.Received);
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task Deliver_NoResponseWithinTimeout_TimeoutRecordedAndRescheduled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = await StartReceiverAsync((_, _) => release.Task);
        try
        {
            var message = Enqueue(receiver.Url);
            StartDispatcher();
            await Eventually.TrueAsync(() => receiver.Received.Count == 1, "the receiver holds the request");

            _time.Advance(TimeSpan.FromSeconds(15));
            await Eventually.TrueAsync(() => _outbox.Get(message.Id).Attempts == 1, "the timed-out attempt is recorded");

            var attempt = Assert.Single(_outbox.Attempts(message.Id));
            Assert.Null(attempt.StatusCode);
            Assert.StartsWith("timeout:", attempt.Error);
            Assert.Equal(15_000, attempt.DurationMs);
            Assert.Equal(OutboxState.Pending, _outbox.Get(message.Id).State);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Deliver_ConnectionNeverEstablished_ConnectTimeoutRecordedAsFailedAttemptAndRescheduled()
    {
        // A real loopback listener that never accepts, its accept queue filled: the kernel drops further SYNs, so the
        // dispatcher's connect hangs until the handler's connect timeout (real time) gives up. Found by the fuzz
        // campaign: that timeout surfaced as an unexpected exception, the attempt went unrecorded and the message
        // waited for its lease to expire.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (System.Net.IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                fillers.Add(filler);
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                try { await filler.ConnectAsync(endpoint, wait.Token); }
                catch (OperationCanceledException) { }
            }
            var message = Enqueue($"http://127.0.0.1:{endpoint.Port}/hook");
            StartDispatcher(new WebhookOptions { AllowLoopback = true, Timeout = TimeSpan.FromSeconds(1) });

            await Eventually.TrueAsync(() => _outbox.Get(message.Id).Attempts == 1, "the timed-out attempt is recorded", TimeSpan.FromSeconds(20));

            var attempt = Assert.Single(_outbox.Attempts(message.Id));
            Assert.Null(attempt.StatusCode);
            Assert.StartsWith("timeout:", attempt.Error);
            Assert.Equal(OutboxState.Pending, _outbox.Get(message.Id).State);
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }

    [Fact]
    public async Task Dispatch_MoreMessagesThanSlots_NeverExceedsMaxConcurrency()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = await StartReceiverAsync((_, _) => gate.Task);
        var messages = Enumerable.Range(0, 6).Select(_ => Enqueue(receiver.Url)).ToList();
        StartDispatcher(new WebhookOptions { AllowLoopback = true, MaxConcurrency = 2 });

        await Eventually.TrueAsync(() => receiver.Received.Count == 2, "two deliveries are in flight");
        gate.SetResult();
        foreach (var message in messages) await WaitForStateAsync(message, OutboxState.Delivered);

        Assert.Equal(2, _outbox.MaxLeasedAtOnce);
        Assert.Equal(6, receiver.Received.Count);
    }

    [Fact]
    public async Task StopAsync_DeliveryInFlight_WaitsAndRecordsIt()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = await StartReceiverAsync((_, _) => gate.Task);
        var message = Enqueue(receiver.Url);
        var dispatcher = StartDispatcher();
        await Eventually.TrueAsync(() => receiver.Received.Count == 1, "the delivery is in flight");

        var stopping = dispatcher.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping;

        Assert.Equal(OutboxState.Delivered, _outbox.Get(message.Id).State);
    }

    [Fact]
    public async Task Dispatch_KickAfterEnqueue_DeliversWithoutClockAdvancing()
    {
        var receiver = await StartReceiverAsync();
        StartDispatcher();
        await Eventually.TrueAsync(() => _time.TimersCreated > 0, "the dispatcher is idle, waiting on a timer");

        var message = Enqueue(receiver.Url);
        _signal.Kick();

        await WaitForStateAsync(message, OutboxState.Delivered);
    }

    [Fact]
    public async Task Deliver_DuringRotationGrace_OldAndNewSecretsEachVerify()
    {
        var rotated = await InsertRotatedKeyAsync(rotatedAgo: TimeSpan.FromHours(23));
        var receiver = await StartReceiverAsync();
        var message = Enqueue(receiver.Url, owner: rotated);
        StartDispatcher();

        await WaitForStateAsync(message, OutboxState.Delivered);

        var received = Assert.Single(receiver.Received);
        Assert.Equal(2, received.Headers["webhook-signature"].Split(' ').Length);
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(rotated, 3).Verify(received.Headers, received.Body));
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(rotated, 2).Verify(received.Headers, received.Body));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, Verifier(rotated, 1).Verify(received.Headers, received.Body));
    }

    [Fact]
    public async Task Deliver_AfterRotationGrace_OnlyNewSecretVerifies()
    {
        var rotated = await InsertRotatedKeyAsync(rotatedAgo: TimeSpan.Zero);
        var receiver = await StartReceiverAsync();
        StartDispatcher(new WebhookOptions { AllowLoopback = true, SecretRotationGrace = TimeSpan.FromHours(1) });
        var during = Enqueue(receiver.Url, owner: rotated);
        _signal.Kick();
        await WaitForStateAsync(during, OutboxState.Delivered);

        _time.Advance(TimeSpan.FromHours(1));
        var after = Enqueue(receiver.Url, owner: rotated);
        _signal.Kick();
        await WaitForStateAsync(after, OutboxState.Delivered);

        Assert.Equal(2, receiver.Received.Count);
        var late = receiver.Received.Single(r => r.Headers["webhook-id"] == after.Id);
        Assert.Single(late.Headers["webhook-signature"].Split(' '));
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(rotated, 3).Verify(late.Headers, late.Body));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, Verifier(rotated, 2).Verify(late.Headers, late.Body));
    }

    /// <summary>A key at generation 3 whose last rotation was <paramref name="rotatedAgo"/> before now.</summary>
    private async Task<ApiKey> InsertRotatedKeyAsync(TimeSpan rotatedAgo)
    {
        var key = new ApiKey(Guid.NewGuid(), "rotated", ApiKeyRole.User, [], _time.GetUtcNow(), null, WebhookSecretGeneration: 3)
        {
            WebhookSecretRotatedAt = _time.GetUtcNow() - rotatedAgo,
        };
        await _keys.InsertAsync(key, CancellationToken.None);
        return key;
    }

    private WebhookVerifier Verifier(ApiKey key, int generation) => new([_secrets.WebhookSecret(key.Id, generation)], _time);

    private async Task<WebhookReceiver> StartReceiverAsync(Func<int, HttpContext, Task>? respond = null)
    {
        var receiver = await WebhookReceiver.StartAsync(respond);
        _cleanup.Add(receiver);
        return receiver;
    }

    private WebhookMessage Enqueue(string url, IReadOnlyDictionary<string, string>? headers = null, ApiKey? owner = null)
    {
        var n = Interlocked.Increment(ref _messages);
        var message = new WebhookMessage($"msg_{n}", $"job_{n}", (owner ?? _key).Id.ToString(), "video.completed", url, Payload, _time.GetUtcNow(), headers);
        _outbox.Add(message);
        return message;
    }

    private WebhookDispatcher StartDispatcher(WebhookOptions? options = null)
    {
        _dispatcher = new WebhookDispatcher(
            _outbox, _keys, _secrets, _signal, new WebhookRetrySchedule(new Random(42)), new NodeIdentity("node-a"),
            Options.Create(options ?? new WebhookOptions { AllowLoopback = true }), _time, NullLogger<WebhookDispatcher>.Instance);
        _dispatcher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return _dispatcher;
    }

    private Task WaitForStateAsync(WebhookMessage message, OutboxState state) =>
        Eventually.TrueAsync(() => _outbox.Get(message.Id).State == state, $"{message.Id} is {state}");

    /// <summary>A <see cref="FakeTimeProvider"/> that counts the timers made: an idle dispatcher has set one to wake it.</summary>
    private sealed class TimerCountingTimeProvider : FakeTimeProvider
    {
        private int _created;

        public int TimersCreated => Volatile.Read(ref _created);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
