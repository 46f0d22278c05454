using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.IntegrationTests.Support;
using Reelay.Security;

namespace Reelay.IntegrationTests.Dialects;

/// <summary>A job created through any dialect is the same job, with the same id, in the native API, the SDK and the CLI.</summary>
public sealed class OneStoreTests
{
    [Fact]
    public async Task DialectJobs_SameIdEverywhere_RecordTheirDialect()
    {
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?> { ["Reelay:Scheduler:Enabled"] = "false" });

        using var apiframe = server.Http();
        apiframe.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.User.Token);
        var apiframeId = (await Json.PostAsync(apiframe, "/kling-imagine", new { prompt = "via apiframe", generation_type = "text2video" }))
            .GetProperty("task_id").GetString()!;

        using var kling = server.Http();
        var jwt = Hs256Jwt.Create(server.User.Key.Id.ToString(), server.User.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
        kling.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var klingId = (await Json.PostAsync(kling, "/v1/videos/text2video", new { prompt = "via kling", duration = "5" }))
            .GetProperty("data").GetProperty("task_id").GetString()!;

        using var native = server.Http(server.User);
        Assert.Equal("apiframe", (await Json.GetAsync(native, $"/v1/videos/{apiframeId}")).GetProperty("dialect").GetString());
        Assert.Equal("kling", (await Json.GetAsync(native, $"/v1/videos/{klingId}")).GetProperty("dialect").GetString());
        Assert.Equal("kling", (await server.Sdk(server.User).GetAsync(klingId)).Dialect);

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ReelayProcess.ExecutablePath, "jobs", "show", apiframeId, "--data-dir", server.DataDir }) psi.ArgumentList.Add(a);
        using var cli = Process.Start(psi)!;
        var stdout = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        Assert.Equal(0, cli.ExitCode);
        var shown = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(apiframeId, shown.GetProperty("id").GetString());
        Assert.Equal("apiframe", shown.GetProperty("dialect").GetString());
    }
}
