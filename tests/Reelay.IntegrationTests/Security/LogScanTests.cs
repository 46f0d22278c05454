using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reelay.IntegrationTests.Dialects.Kling;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Security;

/// <summary>
/// No secret in the logs: a real <c>reelay serve</c> child process logging at Debug to its stdout handles every kind
/// of secret the system has — the admin key printed at first start, user keys created and a webhook secret rotated
/// through the admin API, Kling-dialect JWTs (valid and forged), upstream credentials taken from the environment
/// (Kling access/secret key, APIFrame bearer key), the master key, a caller's APIFrame webhook secret, signed result
/// URLs, webhook signatures and the console session cookie — then the whole captured output is searched for each
/// (and for base64/hex forms where a secret has them). The one allowed place is the first-start print of the admin
/// key (Reelay has no log file; stdout and stderr are the logs).
/// </summary>
public sealed partial class LogScanTests
{
    [Fact]
    public async Task FullRun_DebugLogging_NoSecretInLogs()
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var masterKey = RandomNumberGenerator.GetBytes(32);
        AddBytes(secrets, "master key", masterKey);
        var klingAccess = "ak-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var klingSecret = "sk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var apiFrameKey = "af-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        secrets["kling upstream access key"] = klingAccess;
        secrets["kling upstream secret key"] = klingSecret;
        secrets["apiframe upstream key"] = apiFrameKey;

        await using var kling = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            AccessKey = klingAccess, SecretKey = klingSecret,
            QueueTime = TimeSpan.FromMilliseconds(200), GenerationTime = TimeSpan.FromMilliseconds(500), ResultVideoSize = "320x180",
        });
        await using var apiFrame = await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", new ApiFrameEmulatorOptions
        {
            ApiKey = apiFrameKey, QueueTime = TimeSpan.FromMilliseconds(200), GenerationTime = TimeSpan.FromMilliseconds(500), ResultVideoSize = "320x180",
        });
        await using var sink = await WebhookSink.StartAsync();
        var dataDir = TempDirs.Create("reelay-logscan");
        try
        {
            await using var reelay = await ReelayProcess.StartServeAsync(dataDir, new Dictionary<string, string>
            {
                ["Reelay:Security:AllowLoopback"] = "true",
                ["Reelay:Upstreams:0:Name"] = "kling-a",
                ["Reelay:Upstreams:0:Type"] = "kling",
                ["Reelay:Upstreams:0:BaseUrl"] = kling.BaseAddress.ToString(),
                ["Reelay:Upstreams:0:Models:0"] = "kling-v1",
                ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
                ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
                ["Reelay:Upstreams:1:Name"] = "apiframe-a",
                ["Reelay:Upstreams:1:Type"] = "apiframe",
                ["Reelay:Upstreams:1:BaseUrl"] = apiFrame.BaseAddress.ToString(),
                ["Reelay:Upstreams:1:Models:0"] = "kling-v1-6",
                ["Reelay:Upstreams:1:FirstPollAfter"] = "00:00:00.300",
                ["Reelay:Upstreams:1:MaxPollInterval"] = "00:00:00.500",
            }, new Dictionary<string, string>
            {
                ["Reelay__Security__MasterKey"] = Convert.ToBase64String(masterKey),
                ["Reelay__Upstreams__0__AccessKey"] = klingAccess,
                ["Reelay__Upstreams__0__SecretKey"] = klingSecret,
                ["Reelay__Upstreams__1__AccessKey"] = apiFrameKey,
                ["Reelay__Upstreams__1__SecretKey"] = "unused",
                ["Logging__LogLevel__Default"] = "Debug",
                ["Logging__LogLevel__Microsoft"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
                ["Logging__LogLevel__System.Net.Http"] = "Debug",
                ["Logging__Console__LogLevel__Default"] = "Debug",
            });

            // The admin key printed once at first start: the one allowed appearance.
            var printed = PrintedBlock().Match(reelay.Output);
            Assert.True(printed.Success, reelay.Output);
            var adminToken = printed.Groups["token"].Value;
            secrets["admin token"] = adminToken;
            secrets["admin secret"] = printed.Groups["secret"].Value;
            AddWebhookSecret(secrets, "admin webhook secret", printed.Groups["whsec"].Value);

            using var admin = Client(reelay, adminToken);
            var created = await Json.PostAsync(admin, "/v1/admin/keys", new { name = "tenant", role = "user" });
            var userToken = created.GetProperty("token").GetString()!;
            var userSecret = created.GetProperty("secret").GetString()!;
            var userId = created.GetProperty("key").GetProperty("id").GetString()!;
            secrets["user token"] = userToken;
            secrets["user secret"] = userSecret;
            AddWebhookSecret(secrets, "user webhook secret", created.GetProperty("webhook_secret").GetString()!);
            var rotated = await Json.PostAsync(admin, $"/v1/admin/keys/{userId}/webhook-secret/rotate", new { });
            AddWebhookSecret(secrets, "rotated webhook secret", rotated.GetProperty("webhook_secret").GetString()!);

            // Native jobs: local engine, Kling upstream and APIFrame upstream, each with a signed webhook.
            using var user = Client(reelay, userToken);
            var ids = new List<string>();
            foreach (var model in new[] { "local", "kling-v1", "kling-v1-6" })
            {
                var body = new { model, prompt = "log scan", duration = model == "local" ? 1 : 5, webhook = new { url = sink.Url.ToString() } };
                ids.Add((await Json.PostAsync(user, "/v1/videos", body)).GetProperty("id").GetString()!);
            }

            // Kling dialect: a valid JWT, and forged ones (another key's secret; alg none) that must be refused.
            var jwt = KlingTokens.Create(userId, userSecret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
            var forged = KlingTokens.Create(userId, secrets["admin secret"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
            secrets["kling dialect jwt"] = jwt;
            secrets["kling dialect jwt signature"] = jwt.Split('.')[2];
            secrets["forged jwt signature"] = forged.Split('.')[2];
            using (var klingDialect = Client(reelay, jwt))
            {
                using var ok = await klingDialect.PostAsync("/compat/kling/v1/videos/text2video", Json.Raw("""{"prompt":"log scan via kling dialect","model_name":"kling-v1"}"""));
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
            using (var forgedClient = Client(reelay, forged))
            {
                using var refused = await forgedClient.PostAsync("/compat/kling/v1/videos/text2video", Json.Raw("""{"prompt":"forged"}"""));
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            // APIFrame dialect with the caller's webhook secret, echoed only to the caller's receiver.
            var callerWebhookSecret = "cws-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            secrets["apiframe caller webhook secret"] = callerWebhookSecret;
            using (var apiFrameDialect = new HttpClient { BaseAddress = reelay.BaseAddress })
            {
                apiFrameDialect.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", userToken);
                var imagine = JsonSerializer.Serialize(new { prompt = "log scan via apiframe", generation_type = "text2video", model = "kling-v1", webhook_url = sink.Url.ToString(), webhook_secret = callerWebhookSecret });
                using var accepted = await apiFrameDialect.PostAsync("/compat/apiframe/kling-imagine", Json.Raw(imagine));
                Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
            }

            // Every native job completes; its signed result links are used, and a tampered one is refused.
            using var anonymous = new HttpClient { BaseAddress = reelay.BaseAddress };
            foreach (var id in ids)
            {
                var done = await Json.WaitTerminalAsync(user, id, TimeSpan.FromSeconds(60));
                Assert.Equal("completed", done.GetProperty("status").GetString());
                foreach (var url in SignedLinks().Matches(done.GetRawText()).Select(m => m.Value.Replace("\\u0026", "&", StringComparison.Ordinal)))
                {
                    secrets[$"signature of {url}"] = SignatureOf().Match(url).Groups[1].Value;
                    using var fetched = await anonymous.GetAsync(url);
                    Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
                }
            }
            Assert.Contains(secrets.Keys, k => k.StartsWith("signature of", StringComparison.Ordinal));

            // Webhooks: each delivery's signature header, and the caller's secret echoed by the APIFrame dialect.
            await Eventually.ReturnsAsync(() => Task.FromResult(sink.Requests.Count), n => n >= ids.Count + 1, TimeSpan.FromSeconds(60), "webhooks delivered");
            Assert.Contains(sink.Requests, r => r.Headers.GetValueOrDefault("x-webhook-secret") == callerWebhookSecret);
            foreach (var (request, i) in sink.Requests.Select((r, i) => (r, i)))
            {
                if (!request.Headers.TryGetValue("webhook-signature", out var signature)) continue;
                foreach (var part in signature.Split(' ')) secrets[$"webhook signature {i} {part[..4]}"] = part[(part.IndexOf(',', StringComparison.Ordinal) + 1)..];
            }

            // The console: sign in with the user token; the session cookie then opens a page.
            var cookies = new CookieContainer();
            using (var console = ConsoleSignIn.Client(reelay.BaseAddress, cookies))
            {
                secrets["antiforgery token"] = await ConsoleSignIn.SignInAsync(console, userToken);
                using var home = await console.GetAsync("/");
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            }
            foreach (Cookie cookie in cookies.GetAllCookies()) secrets[$"cookie {cookie.Name}"] = cookie.Value;
            Assert.Contains(secrets.Keys, k => k.StartsWith("cookie reelay", StringComparison.OrdinalIgnoreCase) || k.StartsWith("cookie .", StringComparison.Ordinal));

            // Graceful stop flushes the console logger.
            await reelay.TerminateAsync(TimeSpan.FromSeconds(30));
            var output = reelay.Output;
            var logs = output.Remove(printed.Index, printed.Length);
            Assert.True(logs.Length > 10_000 && logs.Contains("dbug:", StringComparison.Ordinal), $"Debug logging did not happen:\n{logs}");

            var leaks = secrets.Where(s => s.Value.Length >= 8 && logs.Contains(s.Value, StringComparison.OrdinalIgnoreCase)).Select(s => s.Key).ToList();
            Assert.True(leaks.Count == 0, $"secrets in the logs: {string.Join(", ", leaks)}\n{Excerpts(logs, secrets, leaks)}");
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    private static HttpClient Client(ReelayProcess reelay, string bearer)
    {
        var http = new HttpClient { BaseAddress = reelay.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    private static void AddBytes(Dictionary<string, string> secrets, string name, byte[] bytes)
    {
        secrets[name + " (base64)"] = Convert.ToBase64String(bytes);
        secrets[name + " (base64url)"] = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        secrets[name + " (hex)"] = Convert.ToHexString(bytes);
    }

    private static void AddWebhookSecret(Dictionary<string, string> secrets, string name, string whsec)
    {
        Assert.StartsWith("whsec_", whsec, StringComparison.Ordinal);
        secrets[name] = whsec;
        AddBytes(secrets, name + " bytes", Convert.FromBase64String(whsec["whsec_".Length..]));
    }

    private static string Excerpts(string logs, Dictionary<string, string> secrets, List<string> leaks) =>
        string.Join("\n", leaks.Select(name =>
        {
            var at = logs.IndexOf(secrets[name], StringComparison.OrdinalIgnoreCase);
            var from = Math.Max(0, at - 200);
            return $"[{name}] …{logs[from..Math.Min(logs.Length, at + 200)]}…";
        }));

    [GeneratedRegex(@"API key 'admin' \(admin\)[^\n]*\n\s*token\s+(?<token>\S+)\s*\n\s*key id\s+\S+\s*\n\s*secret\s+(?<secret>\S+)\s*\n\s*webhook secret (?<whsec>\S+)\s*\n")]
    private static partial Regex PrintedBlock();

    [GeneratedRegex(@"https?://[^""\s]+/content\?[^""\s]+")]
    private static partial Regex SignedLinks();

    [GeneratedRegex(@"sig=([0-9a-fA-F]+)")]
    private static partial Regex SignatureOf();
}
