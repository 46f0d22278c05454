using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Reelay.Providers.Kling.Contract;
using Reelay.Security;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Kling.Upstream;

/// <summary>
/// A scripted stand-in for the Kling API on 127.0.0.1: checks every bearer JWT like Kling does (HS256 with the
/// secret, iss = access key, exp/nbf against its clock), records each request, and answers with
/// <see cref="Handler"/> (default: accept creates, report queries as processing).
/// </summary>
public sealed class FakeKlingServer : IAsyncDisposable
{
    public const string AccessKey = "ak-test";
    public const string SecretKey = "sk-very-secret-value-of-32-bytes!";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;

    private FakeKlingServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public ConcurrentQueue<FakeKlingRequest> Requests { get; } = new();

    /// <summary>Answers an authenticated request; replace per test.</summary>
    public Func<FakeKlingRequest, HttpContext, Task> Handler { get; set; } = DefaultAsync;

    public Uri BaseAddress => _app.BaseAddress();

    public static async Task<FakeKlingServer> StartAsync(TimeProvider time)
    {
        FakeKlingServer? server = null;
        var app = await LoopbackServer.StartAsync(a => a.Map("/{**path}", (HttpContext ctx) => server!.HandleAsync(ctx)));
        server = new FakeKlingServer(app, time);
        return server;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        var header = ctx.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
        var request = new FakeKlingRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", token, body);
        Requests.Enqueue(request);

        var validation = await Hs256Jwt.ValidateAsync(token, SecretKey, _time.GetUtcNow(), TimeSpan.Zero);
        if (Hs256Jwt.ReadIssuer(token) != AccessKey || validation != JwtValidation.Valid)
        {
            var code = validation switch { JwtValidation.Expired => 1004, JwtValidation.NotYetValid => 1003, _ => 1002 };
            await WriteErrorAsync(ctx, 401, code, $"token rejected: {validation}");
            return;
        }
        await Handler(request, ctx);
    }

    public static Task DefaultAsync(FakeKlingRequest request, HttpContext ctx) =>
        request.Method == "POST"
            ? WriteTaskAsync(ctx, Task("task-1", KlingTaskStatus.Submitted, request.Json.GetProperty("external_task_id").GetString()))
            : WriteTaskAsync(ctx, Task(request.LastSegment, KlingTaskStatus.Processing, null));

    public static KlingTask Task(string id, string status, string? externalId, string? statusMsg = null, string? videoUrl = null) => new()
    {
        TaskId = id,
        TaskStatus = status,
        TaskStatusMsg = statusMsg,
        TaskInfo = new KlingTaskInfo(externalId),
        TaskResult = videoUrl is null ? null : new KlingTaskResult([new KlingVideo("v1", videoUrl, null, "5.042")]),
        CreatedAt = 1,
        UpdatedAt = 2,
    };

    public static Task WriteTaskAsync(HttpContext ctx, KlingTask task)
    {
        ctx.Response.ContentType = "application/json";
        var envelope = new KlingResponse<KlingTask>(0, "SUCCEED", Guid.NewGuid().ToString(), task);
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(envelope, KlingJsonContext.Default.KlingResponseKlingTask));
    }

    public static Task WriteErrorAsync(HttpContext ctx, int status, int code, string message, int? retryAfterSeconds = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        if (retryAfterSeconds is { } ra) ctx.Response.Headers.RetryAfter = ra.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(new KlingErrorBody(code, message, Guid.NewGuid().ToString()), KlingJsonContext.Default.KlingErrorBody));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
