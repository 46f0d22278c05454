using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Emulation;
using Reelay.Tests.Support;

namespace Reelay.Tests.Emulation;

/// <summary>
/// Every <see cref="EmulatorFaults"/> fault, checked over real HTTP against one provider's emulator: each provider's
/// test class derives from this and says how to create a task, read its status and find its result link.
/// </summary>
public abstract class EmulatorFaultContract
{
    protected FakeTimeProvider Clock { get; } = new();

    /// <summary>Starts the emulator (on 127.0.0.1:0, driven by <see cref="Clock"/>, a small result video).</summary>
    protected abstract Task<StartedEmulator> StartAsync(EmulatorFaults faults);

    protected abstract HttpRequestMessage CreateRequest();
    protected abstract string IdOf(JsonElement created);
    protected abstract HttpRequestMessage StatusRequest(string id);
    protected abstract string? ResultUrlOf(JsonElement status);

    /// <summary>A member only a content-rejected status carries (its failure text or status), as text.</summary>
    protected abstract string RejectionOf(JsonElement status);

    protected abstract HttpStatusCode OutOfCreditStatus { get; }

    /// <summary>Long enough for any task to end.</summary>
    protected static readonly TimeSpan Whole = TimeSpan.FromHours(1);

    [Fact]
    public async Task Create5xx_Answers500Or503_CreatesNothing()
    {
        await using var e = await StartAsync(new EmulatorFaults { Create5xx = 1 });
        using var response = await e.Http.SendAsync(CreateRequest());
        Assert.Contains((int)response.StatusCode, new[] { 500, 503 });
        Assert.Equal(0, e.TotalCreates());
    }

    [Fact]
    public async Task Create429_AnswersTooManyRequests_CreatesNothing()
    {
        await using var e = await StartAsync(new EmulatorFaults { Create429 = 1 });
        using var response = await e.Http.SendAsync(CreateRequest());
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(0, e.TotalCreates());
    }

    [Fact]
    public async Task OutOfCredit_AnswersProvidersRefusal_CreatesNothing()
    {
        await using var e = await StartAsync(new EmulatorFaults { OutOfCredit = 1 });
        using var response = await e.Http.SendAsync(CreateRequest());
        Assert.Equal(OutOfCreditStatus, response.StatusCode);
        Assert.Equal(0, e.TotalCreates());
    }

    [Fact]
    public async Task CreateTimeout_HangsUntilClientGivesUp_TaskExists()
    {
        await using var e = await StartAsync(new EmulatorFaults { CreateTimeout = 1 });
        using var cut = new CancellationTokenSource();
        var send = e.Http.SendAsync(CreateRequest(), cut.Token);

        // The task is created while the answer hangs; only then does the client give up.
        await Eventually.TrueAsync(() => e.TotalCreates() == 1, "the emulator created the task");
        Assert.False(send.IsCompleted, "the create answered instead of hanging");
        await cut.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Equal(1, e.TotalCreates());
    }

    [Fact]
    public async Task ConnectionReset_CreateAnswerAborted_TaskExists()
    {
        await using var e = await StartAsync(new EmulatorFaults { ConnectionReset = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => e.Http.SendAsync(CreateRequest()));
        Assert.Equal(1, e.TotalCreates());
    }

    [Fact]
    public async Task MalformedJson_Answers200WithInvalidJson_TaskExists()
    {
        await using var e = await StartAsync(new EmulatorFaults { MalformedJson = 1 });
        using var response = await e.Http.SendAsync(CreateRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal(1, e.TotalCreates());
    }

    [Fact]
    public async Task SchemaChanged_StatusIsValidJsonWithRenamedMembers()
    {
        await using var e = await StartAsync(new EmulatorFaults { SchemaChanged = 1 });
        using var created = await e.Http.SendAsync(CreateRequest());
        var root = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.All(root.EnumerateObject(), p => Assert.True(char.IsUpper(p.Name[0]), $"member '{p.Name}' was not renamed"));
        Assert.Equal(1, e.TotalCreates());
    }

    [Fact]
    public async Task ContentRejected_TaskEndsRejectedByContentPolicy()
    {
        await using var e = await StartAsync(new EmulatorFaults { ContentRejected = 1 });
        var id = await CreateAsync(e);
        Clock.Advance(Whole);
        var status = await StatusAsync(e, id);
        Assert.Null(ResultUrlOf(status));
        Assert.Matches("(?i)nsfw|moderation|content|safety", RejectionOf(status));
    }

    [Fact]
    public async Task TruncatedDownload_SendsHalfThenAborts()
    {
        await using var e = await StartAsync(new EmulatorFaults { TruncatedDownload = 1 });
        var url = await FinishedResultUrlAsync(e);
        await Assert.ThrowsAsync<HttpRequestException>(() => e.Http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task SlowDownload_DeliversWholeVideoThrottled()
    {
        await using var e = await StartAsync(new EmulatorFaults { SlowDownload = 1, SlowDownloadBytesPerSecond = 64 * 1024 });
        var url = await FinishedResultUrlAsync(e);
        using var response = await e.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(response.Content.Headers.ContentLength, bytes.Length);
        // At 64 KiB/s in 100 ms slices, any video over two slices takes at least 100 ms.
        Assert.True(bytes.Length < 13 * 1024 || started.Elapsed >= TimeSpan.FromMilliseconds(100), $"{bytes.Length} bytes in {started.Elapsed}");
    }

    [Fact]
    public async Task NoFaults_TaskSucceedsAndDownloads()
    {
        await using var e = await StartAsync(new EmulatorFaults());
        var url = await FinishedResultUrlAsync(e);
        var bytes = await e.Http.GetByteArrayAsync(url);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
    }

    protected async Task<string> CreateAsync(StartedEmulator e)
    {
        using var response = await e.Http.SendAsync(CreateRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return IdOf(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    protected async Task<JsonElement> StatusAsync(StartedEmulator e, string id)
    {
        using var response = await e.Http.SendAsync(StatusRequest(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> FinishedResultUrlAsync(StartedEmulator e)
    {
        var id = await CreateAsync(e);
        Clock.Advance(Whole);
        return ResultUrlOf(await StatusAsync(e, id)) ?? throw new Xunit.Sdk.XunitException("the finished task has no result URL");
    }
}
