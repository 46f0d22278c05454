using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Cli;

public sealed class KeyLimitsCliTests
{
    [Fact]
    public async Task KeysLimitsEmbedded_CreateWithLimitsThenChange_StoredAndRotated()
    {
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var data = Path.Combine(dir, "data");
            var created = await RunJsonAsync(dir, "keys", "create", "--name", "team", "--rpm", "30", "--max-concurrent", "2",
                "--allowed-models", "kling-v2-5-turbo, kling-v2-1", "--json", "--data-dir", data);
            var id = created.GetProperty("id").GetString()!;
            Assert.Equal((30, 2), (created.GetProperty("requests_per_minute").GetInt32(), created.GetProperty("max_concurrent_jobs").GetInt32()));
            Assert.Equal(["kling-v2-5-turbo", "kling-v2-1"], created.GetProperty("allowed_models").EnumerateArray().Select(m => m.GetString()));

            var changed = await RunJsonAsync(dir, "keys", "limits", id, "--rpm", "none", "--allowed-models", "all", "--json", "--data-dir", data);
            Assert.Equal(JsonValueKind.Null, changed.GetProperty("requests_per_minute").ValueKind);
            Assert.Equal(JsonValueKind.Null, changed.GetProperty("allowed_models").ValueKind);
            Assert.Equal(2, changed.GetProperty("max_concurrent_jobs").GetInt32());

            var rotated = await RunJsonAsync(dir, "keys", "rotate-webhook-secret", id, "--json", "--data-dir", data);
            Assert.NotEqual(created.GetProperty("webhook_secret").GetString(), rotated.GetProperty("webhook_secret").GetString());
            Assert.Equal(2, rotated.GetProperty("key").GetProperty("webhook_secret_generation").GetInt32());
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task KeysAgainstServer_AdminKey_CreateListLimitRevoke()
    {
        await using var server = await ReelayTestServer.StartAsync();
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            string[] remote = ["--server", server.BaseAddress.ToString(), "--key", server.Admin.Token];
            var created = await RunJsonAsync(dir, ["keys", "create", "--name", "remote", "--max-concurrent", "3", "--json", .. remote]);
            var id = created.GetProperty("id").GetString()!;
            Assert.StartsWith("rly_", created.GetProperty("token").GetString());

            var changed = await RunJsonAsync(dir, ["keys", "limits", id, "--rpm", "7", "--json", .. remote]);
            Assert.Equal((7, 3), (changed.GetProperty("requests_per_minute").GetInt32(), changed.GetProperty("max_concurrent_jobs").GetInt32()));

            var listed = await RunJsonAsync(dir, ["keys", "list", "--json", .. remote]);
            Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetString() == id);

            var (code, _, stderr) = await CliRunner.RunAsync(dir, ["keys", "revoke", id, .. remote]);
            Assert.True(code == 0, stderr);
            var (again, _, againErr) = await CliRunner.RunAsync(dir, ["keys", "revoke", id, .. remote]);
            Assert.Equal(2, again);
            Assert.Contains("no active key", againErr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task KeysAgainstServer_UserKey_Fails403()
    {
        await using var server = await ReelayTestServer.StartAsync();
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var (code, _, stderr) = await CliRunner.RunAsync(dir, "keys", "list", "--server", server.BaseAddress.ToString(), "--key", server.User.Token);

            Assert.Equal(2, code);
            Assert.Contains("403", stderr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    private static async Task<JsonElement> RunJsonAsync(string dir, params string[] args)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(dir, args);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
