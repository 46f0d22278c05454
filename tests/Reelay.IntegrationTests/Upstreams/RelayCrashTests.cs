using System.Net.Http.Headers;
using System.Security.Cryptography;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>
/// A relaying server process is killed with SIGKILL at random moments (during submission and polling) twenty
/// times and restarted on the same data directory: every job still completes, and the upstream (the emulator,
/// which counts creates per external id) saw exactly one submission per job.
/// </summary>
public sealed class RelayCrashTests
{
    [Fact]
    public async Task Serve_KilledRepeatedlyWhileRelaying_EveryJobCompletesAndIsSubmittedOnce()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(500),
            GenerationTime = TimeSpan.FromSeconds(3),
            TimeCompression = 1,
            // Small results: the 40 ingests (ffmpeg min + poster) after the last restart are not what this test is about.
            ResultVideoSize = "320x180",
        });
        var dataDir = TempDirs.Create("reelay-relay-crash");
        var settings = new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Security:AllowLoopback"] = "true",
            ["Reelay:Scheduler:LeaseDuration"] = "00:00:02",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
            ["Reelay:Upstreams:0:Name"] = "kling-a",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey!,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey!,
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
        };
        var random = new Random(20261122);
        try
        {
            var process = await ReelayProcess.StartServeAsync(dataDir, settings);
            var token = process.PrintedToken() ?? throw new InvalidOperationException("no admin key printed:\n" + process.Output);
            var ids = new List<string>();
            try
            {
                for (var round = 0; round < 20; round++)
                {
                    using (var http = Client(process, token))
                    {
                        // New work keeps arriving, so kills land during submission as well as polling.
                        for (var i = 0; i < 2; i++)
                            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = $"crash {round}.{i}", duration = 5 })).GetProperty("id").GetString()!);
                    }
                    await Task.Delay(random.Next(50, 700)); // the random moment of the crash
                    await process.KillAsync();
                    await process.DisposeAsync();
                    process = await ReelayProcess.StartServeAsync(dataDir, settings);
                }

                using var final = Client(process, token);
                foreach (var id in ids)
                {
                    var done = await Json.WaitTerminalAsync(final, id, TimeSpan.FromSeconds(120));
                    Assert.True(done.GetProperty("status").GetString() == "completed", $"{id}: {done}");
                    Assert.Equal(1, emulator.SubmissionsFor(id));
                }
                Assert.Equal(ids.Count, emulator.TotalCreates);
            }
            finally
            {
                await process.DisposeAsync();
            }
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    private static HttpClient Client(ReelayProcess process, string token)
    {
        var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
