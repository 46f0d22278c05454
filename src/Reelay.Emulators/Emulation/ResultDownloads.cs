using System.Globalization;

namespace Reelay.Emulation;

/// <summary>
/// The result-download endpoint every emulator serves, <c>GET /results/{id}.mp4?exp&amp;sig</c>: signed links that
/// expire (403), 404 until the task has a result, the one rendered video otherwise, through the download faults
/// (a throttled or a truncated transfer).
/// </summary>
internal sealed class ResultDownloads(EmulatorVideo video, FaultInjector faults, TimeProvider time)
{
    private readonly ResultLinks _links = new();
    private int _served;
    private int _expiredLeft = faults.Faults.ExpiredResultUrls;

    /// <summary>Downloads that passed the signature, expiry and readiness checks (whatever the transfer fault).</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>The absolute link to task <paramref name="id"/>'s video under <paramref name="root"/>, valid until <paramref name="expires"/>.</summary>
    public string Url(string root, string id, DateTimeOffset expires) => root.TrimEnd('/') + _links.Path(id, expires.ToUnixTimeSeconds());

    /// <summary>
    /// A link shown in a status answer (a query, a poll, a list page): as <see cref="Url"/>, except that while the
    /// expired-URL fault (<see cref="EmulatorFaults.ExpiredResultUrls"/>) has uses left it has already lapsed (403 on
    /// download), as when a link expires between the answer and the download. Links in webhooks are never affected.
    /// </summary>
    public string ShownUrl(string root, string id, DateTimeOffset expires) =>
        Volatile.Read(ref _expiredLeft) > 0 && Interlocked.Decrement(ref _expiredLeft) >= 0
            ? Url(root, id, time.GetUtcNow().AddSeconds(-10))
            : Url(root, id, expires);

    /// <summary>Maps the endpoint; <paramref name="hasResult"/> says whether task <c>id</c> has a video at an instant.</summary>
    public void Map(IEndpointRouteBuilder app, Func<string, DateTimeOffset, bool> hasResult) =>
        app.MapGet("/results/{file}", (HttpContext ctx, string file) => DownloadAsync(ctx, file, hasResult));

    private async Task DownloadAsync(HttpContext ctx, string file, Func<string, DateTimeOffset, bool> hasResult)
    {
        var now = time.GetUtcNow();
        var id = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : "";
        if (id.Length == 0 || !long.TryParse(ctx.Request.Query["exp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var exp) ||
            !_links.Verify(id, exp, ctx.Request.Query["sig"].ToString()))
        {
            await PlainAsync(ctx, 403, "AccessDenied: invalid signature");
            return;
        }
        if (exp < now.ToUnixTimeSeconds())
        {
            await PlainAsync(ctx, 403, "AccessDenied: Request has expired");
            return;
        }
        if (!hasResult(id, now))
        {
            await PlainAsync(ctx, 404, "NoSuchKey");
            return;
        }
        if (await video.GetAsync(ctx.RequestAborted) is not { } bytes)
        {
            await PlainAsync(ctx, 500, "InternalError: the emulator could not render its result video (is ffmpeg installed?)");
            return;
        }

        Interlocked.Increment(ref _served);
        var f = faults.Faults;
        if (faults.Dice.Roll(f.TruncatedDownload))
        {
            ctx.Response.ContentType = "video/mp4";
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            ctx.Abort();
            return;
        }
        if (faults.Dice.Roll(f.SlowDownload))
        {
            await ThrottledAsync(ctx, bytes, Math.Max(1024, f.SlowDownloadBytesPerSecond));
            return;
        }
        await Results.Bytes(bytes, "video/mp4", enableRangeProcessing: true).ExecuteAsync(ctx);
    }

    /// <summary>Bandwidth is wall-clock (it models the network, not the upstream's clock), in 10 slices a second.</summary>
    private async Task ThrottledAsync(HttpContext ctx, byte[] bytes, int bytesPerSecond)
    {
        ctx.Response.ContentType = "video/mp4";
        ctx.Response.ContentLength = bytes.Length;
        var slice = Math.Max(1, bytesPerSecond / 10);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, FaultInjector.Stopping(ctx));
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += slice)
            {
                await ctx.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(slice, bytes.Length - offset)), cut.Token);
                await ctx.Response.Body.FlushAsync(cut.Token);
                if (offset + slice < bytes.Length) await Task.Delay(TimeSpan.FromMilliseconds(100), cut.Token);
            }
        }
        catch (OperationCanceledException)
        {
            ctx.Abort();
        }
    }

    private static Task PlainAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync(text, ctx.RequestAborted);
    }
}
