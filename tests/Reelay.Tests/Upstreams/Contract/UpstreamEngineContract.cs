using System.Net;
using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Tests.Upstreams.Contract;

/// <summary>
/// The contract every upstream adapter keeps with its provider, run against the adapter and that provider's emulator
/// (on a manual clock) in the manner of the job-store contract: a submit runs to a downloadable video; each fault of the
/// shared set ends as its documented class (retryable or final); a result link that lapsed is replaced by the next
/// poll; a canceled call stops at once; a task the upstream never issued is final; a lost submit answer follows the
/// adapter's crash policy. Hints (callbacks, sweeps) act on the scheduler, not the adapter: the integration tests cover them. One derived class per adapter supplies the harness and its request.
/// </summary>
public abstract class UpstreamEngineContract<TEmulator> where TEmulator : EmulatorServer
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<EmulatedUpstreamHarness<TEmulator>> StartAsync(Action<EmulatorFaults>? faults = null);

    /// <summary>Queue plus generation time of the harness's emulator: after it every task has ended.</summary>
    protected abstract TimeSpan TaskLifetime { get; }

    /// <summary>A text-to-video request the adapter serves.</summary>
    protected virtual VideoRequest Request => new() { Model = "kling-v2-5-turbo", Prompt = "a contract at dusk", DurationSeconds = 5 };

    /// <summary>Whether the upstream can be asked about a submit whose answer was lost (else the policy is to resubmit).</summary>
    protected virtual bool FindsLostSubmits => false;

    /// <summary>A task reference the upstream never issued, in the form the adapter stores.</summary>
    protected virtual string UnknownTaskRef(TEmulator emulator) => "no-such-task-0000";

    [Fact]
    public async Task SubmitThenPoll_TaskRunsToTheEnd_RunningThenProducedVideoDownloads()
    {
        await using var h = await StartAsync();
        var engine = h.Engine(wrongCredentials: false);

        var submitted = await engine.SubmitAsync(h.Context(Request), Ct);
        Assert.Equal(EngineOutcomeKind.Submitted, submitted.Kind);
        Assert.False(string.IsNullOrEmpty(submitted.UpstreamRef));
        Assert.Equal(1, h.Emulator.TotalCreates);
        var polling = h.Context(Request, upstreamRef: submitted.UpstreamRef);
        Assert.Equal(EngineOutcomeKind.Running, (await engine.PollAsync(polling, Ct)).Kind);

        h.Clock.Advance(TaskLifetime + TimeSpan.FromSeconds(1));
        var produced = await engine.PollAsync(polling, Ct);

        Assert.Equal(EngineOutcomeKind.Produced, produced.Kind);
        using var http = new HttpClient();
        var video = await http.GetByteArrayAsync(produced.Result!.RemoteUrl, Ct);
        Assert.Equal("ftyp"u8.ToArray(), video[4..8]);
        Assert.Equal(1, h.Emulator.TotalCreates);
        Assert.Equal(0, h.Emulator.InFlight);
    }

    [Fact]
    public async Task Poll_ResultLinkExpiredBeforeTheDownload_NextPollGivesAFreshLinkThatDownloads()
    {
        await using var h = await StartAsync(f => f.ExpiredResultUrls = 1);
        var engine = h.Engine(wrongCredentials: false);
        var submitted = await engine.SubmitAsync(h.Context(Request), Ct);
        h.Clock.Advance(TaskLifetime + TimeSpan.FromSeconds(1));
        var polling = h.Context(Request, upstreamRef: submitted.UpstreamRef);
        using var http = new HttpClient();

        var first = await engine.PollAsync(polling, Ct);
        using var lapsed = await http.GetAsync(first.Result!.RemoteUrl, Ct);
        var second = await engine.PollAsync(polling, Ct);
        var video = await http.GetByteArrayAsync(second.Result!.RemoteUrl, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, lapsed.StatusCode);
        Assert.NotEqual(first.Result.RemoteUrl, second.Result.RemoteUrl);
        Assert.Equal("ftyp"u8.ToArray(), video[4..8]);
        Assert.Equal(1, h.Emulator.TotalCreates);
    }

    [Theory]
    [InlineData("5xx", UpstreamErrorCodes.Unavailable)]
    [InlineData("429", UpstreamErrorCodes.Unavailable)]
    [InlineData("credit", UpstreamErrorCodes.Quota)]
    public async Task Submit_CreateRefused_RetryableWithItsClassAndNoTask(string fault, string code)
    {
        await using var h = await StartAsync(f =>
        {
            if (fault == "5xx") f.Create5xx = 1;
            if (fault == "429") f.Create429 = 1;
            if (fault == "credit") f.OutOfCredit = 1;
        });

        var outcome = await h.Engine(wrongCredentials: false).SubmitAsync(h.Context(Request), Ct);

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(code, outcome.ErrorCode);
        Assert.True(outcome.Retryable, outcome.ErrorMessage);
        if (fault == "429") Assert.True(outcome.RetryAfter >= TimeSpan.FromSeconds(1), $"retry after {outcome.RetryAfter}");
        Assert.Equal(0, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task Submit_CanceledWhileTheAnswerHangs_StopsAtOnceWithCancellation()
    {
        // The create answer hangs for 10 minutes of wall clock; the engine's own timeout runs on the manual clock, which
        // does not move, so only the caller's cancellation can end the call.
        await using var h = await StartAsync(f =>
        {
            f.CreateTimeout = 1;
            f.CreateTimeoutDelay = TimeSpan.FromMinutes(10);
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var submit = h.Engine(wrongCredentials: false).SubmitAsync(h.Context(Request), cancel.Token);

        // A hang past the deadline ends in TimeoutException, which fails the assertion.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Submit_CredentialsRefused_FinalUpstreamAuth()
    {
        await using var h = await StartAsync();

        var outcome = await h.Engine(wrongCredentials: true).SubmitAsync(h.Context(Request), Ct);

        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Equal(0, h.Emulator.TotalCreates);
    }

    [Theory]
    [InlineData(false, JobErrorCodes.EngineFailed)]
    [InlineData(true, JobErrorCodes.ContentRejected)]
    public async Task Poll_TaskEndsFailedOrRejected_FinalWithItsClass(bool rejected, string code)
    {
        await using var h = await StartAsync(f =>
        {
            if (rejected) f.ContentRejected = 1;
            else f.FailTask = 1;
        });
        var engine = h.Engine(wrongCredentials: false);
        var submitted = await engine.SubmitAsync(h.Context(Request), Ct);
        h.Clock.Advance(TaskLifetime + TimeSpan.FromSeconds(1));

        var outcome = await engine.PollAsync(h.Context(Request, upstreamRef: submitted.UpstreamRef), Ct);

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(code, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
    }

    [Fact]
    public async Task Submit_AnswerMalformed_RetryableUnavailableThoughTheTaskExists()
    {
        await using var h = await StartAsync(f => f.MalformedJson = 1);

        var outcome = await h.Engine(wrongCredentials: false).SubmitAsync(h.Context(Request), Ct);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable, outcome.ErrorMessage);
        Assert.Equal(1, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task Poll_TaskTheUpstreamNeverIssued_FinalEngineFailed()
    {
        await using var h = await StartAsync();

        var outcome = await h.Engine(wrongCredentials: false).PollAsync(h.Context(Request, upstreamRef: UnknownTaskRef(h.Emulator)), Ct);

        Assert.Equal(JobErrorCodes.EngineFailed, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("no longer knows", outcome.ErrorMessage);
    }

    [Fact]
    public async Task FindSubmitted_CreateAnswerLost_FollowsTheAdaptersCrashPolicy()
    {
        await using var h = await StartAsync(f => f.ConnectionReset = 1);
        var engine = h.Engine(wrongCredentials: false);
        var context = h.Context(Request, id: "job_lost_answer");

        var lost = await engine.SubmitAsync(context, Ct);
        var found = await engine.FindSubmittedAsync(context, Ct);

        Assert.Equal(EngineOutcomeKind.Failed, lost.Kind);
        Assert.True(lost.Retryable, lost.ErrorMessage);
        Assert.Equal(1, h.Emulator.TotalCreates);
        if (FindsLostSubmits)
        {
            // The answer of the lookup may be cut too (the fault applies to every answer): then "unsure", never "not found".
            Assert.NotNull(found);
            Assert.True(found.Kind == EngineOutcomeKind.Submitted || found.Retryable, found.ErrorMessage);
        }
        else
        {
            Assert.Null(found);
        }
    }
}
