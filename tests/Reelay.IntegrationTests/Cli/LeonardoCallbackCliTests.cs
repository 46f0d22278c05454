using System.Diagnostics;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Cli;

/// <summary><c>reelay keys create --leonardo-callback-url/--leonardo-callback-key</c>.</summary>
public sealed class LeonardoCallbackCliTests
{
    [Fact]
    public async Task KeysCreate_LeonardoCallback_ListedWithoutCallbackKey()
    {
        var dir = TempDirs.Create("reelay-cli");
        try
        {
            var data = Path.Combine(dir, "data");
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "keys", "create", "--name", "leo", "--json", "--data-dir", data,
                "--leonardo-callback-url", "https://example.com/leonardo", "--leonardo-callback-key", "cbkey-123");
            Assert.True(code == 0, stderr);
            var id = JsonDocument.Parse(stdout).RootElement.GetProperty("id").GetString();

            var (_, listOut, _) = await CliRunner.RunAsync(dir, "keys", "list", "--json", "--data-dir", data);
            var listed = JsonDocument.Parse(listOut).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
            Assert.Equal("https://example.com/leonardo", listed.GetProperty("leonardo_callback_url").GetString());
            Assert.DoesNotContain("cbkey-123", listOut);

            var (bad, _, badErr) = await CliRunner.RunAsync(dir, "keys", "create", "--data-dir", data, "--leonardo-callback-url", "ftp://x");
            Assert.NotEqual(0, bad);
            Assert.Contains("--leonardo-callback-url", badErr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

}
