using System.Diagnostics;
using System.Net;
using System.Text;

namespace Reelay.Tests.Providers.Kling.Emulator;

public sealed class KlingEmulatorResultTests
{
    private static async Task<string> SucceededUrlAsync(EmulatorHarness h)
    {
        var id = await h.CreateTaskAsync();
        h.Time.Advance(TimeSpan.FromSeconds(151));
        var task = await h.QueryAsync(id);
        return task.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString()!;
    }

    [Fact]
    public async Task Download_SucceededTask_IsAnMp4()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var url = await SucceededUrlAsync(h);

        using var response = await h.Http.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.True(bytes.Length > 1000);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
        // The same rendered file serves every task.
        var second = await h.Http.GetByteArrayAsync(await SucceededUrlAsync(h));
        Assert.Equal(bytes, second);
    }

    [Fact]
    public async Task Download_AfterTtlOrWithForgedSignature_Returns403()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.ResultUrlTtl = TimeSpan.FromHours(1));
        var url = await SucceededUrlAsync(h);
        var forged = url[..^4] + (url[^4..] == "aaaa" ? "bbbb" : "aaaa");

        Assert.Equal(HttpStatusCode.Forbidden, (await h.Http.GetAsync(forged)).StatusCode);
        h.Time.Advance(TimeSpan.FromHours(2));
        using var expired = await h.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Download_SignatureOfAnotherTask_Returns403()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var url = await SucceededUrlAsync(h);
        var early = await h.CreateTaskAsync();
        // A signature binds the link to its task: reusing it for another task is refused.
        var link = h.Emulator.BaseAddress + "results/" + early + ".mp4" + url[url.IndexOf('?')..];

        Assert.Equal(HttpStatusCode.Forbidden, (await h.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Download_SlowDownloadFault_DeliversEverythingThrottled()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var url = await SucceededUrlAsync(h);
        var full = await h.Http.GetByteArrayAsync(url);
        h.Emulator.Options.Faults.SlowDownload = 1;
        h.Emulator.Options.Faults.SlowDownloadBytesPerSecond = Math.Max(1024, full.Length * 2);

        var clock = Stopwatch.StartNew();
        var slow = await h.Http.GetByteArrayAsync(url);

        Assert.Equal(full, slow);
        // Twice the file per second in ten slices: about five 100 ms pauses.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Download_TruncatedDownloadFault_EndsTheBodyEarly()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.TruncatedDownload = 1);
        var url = await SucceededUrlAsync(h);

        var error = await Record.ExceptionAsync(() => h.Http.GetByteArrayAsync(url));

        Assert.True(error is HttpRequestException or IOException, error?.ToString());
    }
}
