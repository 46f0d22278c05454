using System.Net;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Retention;

/// <summary>A real server with a one-second result retention: the files of a finished job disappear by themselves.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private ReelayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Reelay:Retention:Results"] = "00:00:01",
        ["Reelay:Retention:Records"] = "1.00:00:00",
        ["Reelay:Retention:Interval"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Retention_ResultsPastTheirPeriod_FilesDeletedAndContentGone()
    {
        using var http = _server.Http(_server.User);
        var created = await Json.PostAsync(http, "/v1/videos", new { prompt = "short lived", duration = 1 });
        var id = created.GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var jobBlobs = Path.Combine(_server.DataDir, "blobs", "jobs", id);

        var status = await Eventually.ReturnsAsync(
            async () => (await http.GetAsync($"/v1/videos/{id}/content?variant=raw")).StatusCode,
            s => s == HttpStatusCode.Gone, TimeSpan.FromSeconds(30), "results expiring");

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.False(Directory.Exists(jobBlobs) && Directory.EnumerateFiles(jobBlobs).Any(), "the job's result files are deleted");
        var after = await Json.GetAsync(http, $"/v1/videos/{id}");
        Assert.Equal("completed", after.GetProperty("status").GetString());
    }
}
