using System.Diagnostics;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Cli;

/// <summary>The reelay executable as a user runs it: exit codes, output files, JSON for scripts.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Generate_Embedded_WritesProbedVideoAndExitsZero()
    {
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var output = Path.Combine(dir, "mountain.mp4");
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "generate", "A peaceful mountain landscape with flowing river",
                "--duration", "2", "--aspect", "9:16", "--seed", "3", "-o", output, "--data-dir", Path.Combine(dir, "data"));
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            var info = await Ffprobe.ProbeAsync(output);
            Assert.Equal("h264", info.Codec);
            Assert.Equal((720, 1280), (info.Width, info.Height));
            Assert.Equal(48, info.Frames);
            Assert.Contains("mountain.mp4", stdout);

            var (listCode, listOut, _) = await CliRunner.RunAsync(dir, "jobs", "list", "--json", "--data-dir", Path.Combine(dir, "data"));
            Assert.Equal(0, listCode);
            var jobs = JsonDocument.Parse(listOut).RootElement;
            Assert.Equal(1, jobs.GetArrayLength());
            Assert.Equal("completed", jobs[0].GetProperty("Status").GetString());
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task Generate_InvalidDuration_ExitCode2WithFieldMessage()
    {
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var (code, _, stderr) = await CliRunner.RunAsync(dir, "generate", "x", "--duration", "42", "--data-dir", Path.Combine(dir, "data"));
            Assert.Equal(2, code);
            Assert.Contains("duration", stderr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Theory]
    [InlineData("--Reelay:Webhooks:LeaseDuration=00:00:05", "Reelay:Webhooks:LeaseDuration")]
    [InlineData("--Reelay:Media:Preset=warp", "Reelay:Media:Preset")]
    [InlineData("--Reelay:Scheduler:MaxConcurrency=0", "Reelay:Scheduler:MaxConcurrency")]
    public async Task Serve_InvalidSetting_ExitCode2NamingTheKey(string argument, string key)
    {
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var (code, _, stderr) = await CliRunner.RunAsync(dir, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", Path.Combine(dir, "data"), argument);
            Assert.True(code == 2, $"exit {code}\n{stderr}");
            Assert.Contains("invalid configuration", stderr);
            Assert.Contains(key, stderr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task KeysCreateJson_PrintsUsableSecretsOnce()
    {
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var data = Path.Combine(dir, "data");
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "keys", "create", "--name", "ci", "--json", "--data-dir", data);
            Assert.True(code == 0, stderr);
            var key = JsonDocument.Parse(stdout).RootElement;
            var id = key.GetProperty("id").GetString()!;
            var secret = key.GetProperty("secret").GetString()!;
            Assert.Equal($"rly_{Guid.Parse(id):N}.{secret}", key.GetProperty("token").GetString());
            Assert.StartsWith("whsec_", key.GetProperty("webhook_secret").GetString());

            var (_, listOut, _) = await CliRunner.RunAsync(dir, "keys", "list", "--json", "--data-dir", data);
            Assert.Contains(id, listOut);
            Assert.DoesNotContain(secret, listOut);
            var db = await File.ReadAllBytesAsync(Path.Combine(data, "reelay.db"));
            Assert.Equal(-1, System.Text.Encoding.UTF8.GetString(db).IndexOf(secret, StringComparison.Ordinal));

            var (revokeCode, _, _) = await CliRunner.RunAsync(dir, "keys", "revoke", id, "--data-dir", data);
            Assert.Equal(0, revokeCode);
            var (again, _, revokeErr) = await CliRunner.RunAsync(dir, "keys", "revoke", id, "--data-dir", data);
            Assert.Equal(2, again);
            Assert.Contains("no active key", revokeErr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task Generate_AgainstServer_UsesSdkAndDownloads()
    {
        await using var server = await ReelayTestServer.StartAsync();
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var output = Path.Combine(dir, "remote.mp4");
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "generate", "remote prompt", "--duration", "1", "--server", server.BaseAddress.ToString(),
                "--key", server.User.Token, "-o", output, "--variant", "min");
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            var info = await Ffprobe.ProbeAsync(output);
            Assert.Equal(24, info.Frames);

            var (badKey, _, err) = await CliRunner.RunAsync(dir, "generate", "x", "--server", server.BaseAddress.ToString(), "--key", "rly_bad.key");
            Assert.Equal(2, badKey);
            Assert.Contains("401", err);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

}
