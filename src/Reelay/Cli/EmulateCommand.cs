using System.CommandLine;
using System.Globalization;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.Kling.Emulator;
using Reelay.Providers.Leonardo.Emulator;

namespace Reelay.Cli;

/// <summary><c>reelay emulate kling|higgsfield|highway|apiframe|hyprlab|leonardo</c>: runs a fake upstream so integrations can be tested offline; stops on Ctrl+C.</summary>
public static class EmulateCommand
{
    public static Command Create()
    {
        var command = new Command("emulate", "Run a fake provider API (offline, in memory) for tests and benchmarks");
        command.Subcommands.Add(Kling());
        command.Subcommands.Add(Higgsfield());
        command.Subcommands.Add(Highway());
        command.Subcommands.Add(ApiFrame());
        command.Subcommands.Add(HyprLab());
        command.Subcommands.Add(Leonardo());
        return command;
    }

    private static Command Kling()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 9090 };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var accessKey = new Option<string>("--access-key") { Description = "JWT iss the emulator accepts", DefaultValueFactory = _ => KlingEmulatorOptions.DefaultAccessKey };
        var secretKey = new Option<string>("--secret-key") { Description = "HS256 secret JWTs must be signed with", DefaultValueFactory = _ => KlingEmulatorOptions.DefaultSecretKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a JWT" };
        var compression = new Option<double>("--time-compression") { Description = "Divide queue and generation times by this factor", DefaultValueFactory = _ => 1 };
        var queue = new Option<double>("--queue-seconds") { Description = "Seconds a task stays 'submitted'", DefaultValueFactory = _ => 30 };
        var generation = new Option<double>("--generation-seconds") { Description = "Seconds a task stays 'processing'", DefaultValueFactory = _ => 120 };
        var generationMax = new Option<double?>("--generation-seconds-max") { Description = "Draw each task's generation time from [--generation-seconds, this]" };
        var maxConcurrent = new Option<int?>("--max-concurrent") { Description = "Running tasks allowed at once (429 code 1303 beyond)" };
        var ttl = new Option<double>("--result-url-ttl-seconds") { Description = "Validity of result URLs after success", DefaultValueFactory = _ => TimeSpan.FromDays(30).TotalSeconds };
        var publicBase = new Option<string?>("--public-base-url") { Description = "Base of result URLs when reached through another address" };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault rolls", DefaultValueFactory = _ => 42 };
        var verbose = new Option<bool>("--verbose") { Description = "Log requests and callback failures" };
        var f5xx = Probability("--fault-create-5xx", "Create answers 500/5000 or 503/5001");
        var f429 = Probability("--fault-create-429", "Create answers 429/1302 (rate limit)");
        var fTimeout = Probability("--fault-create-timeout", "Create hangs 10 min after creating the task");
        var fReset = Probability("--fault-connection-reset", "API answers are replaced by a reset connection");
        var fMalformed = Probability("--fault-malformed-json", "API answers are truncated JSON");
        var fSchema = Probability("--fault-schema-changed", "API answers use renamed (camelCase) members");
        var fContent = Probability("--fault-content-rejected", "Tasks end failed by the content safety system");
        var fFail = Probability("--fault-fail-task", "Tasks end failed");
        var fSlow = Probability("--fault-slow-download", "Result downloads are throttled");
        var fTruncated = Probability("--fault-truncated-download", "Result downloads stop half-way");
        var fNoCallbacks = new Option<bool>("--fault-callbacks-never-come") { Description = "Never send callbacks" };

        var command = new Command("kling", "Emulate the official Kling API (JWT auth, text2video/image2video, callbacks)")
        {
            port, host, accessKey, secretKey, noAuth, compression, queue, generation, generationMax, maxConcurrent, ttl, publicBase, seed, verbose,
            f5xx, f429, fTimeout, fReset, fMalformed, fSchema, fContent, fFail, fSlow, fTruncated, fNoCallbacks,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(compression) <= 0) throw new CliException("--time-compression must be positive");
            var options = new KlingEmulatorOptions
            {
                AccessKey = parse.GetValue(noAuth) ? null : parse.GetValue(accessKey),
                SecretKey = parse.GetValue(secretKey)!,
                TimeCompression = parse.GetValue(compression),
                QueueTime = TimeSpan.FromSeconds(parse.GetValue(queue)),
                GenerationTime = TimeSpan.FromSeconds(parse.GetValue(generation)),
                GenerationTimeMax = parse.GetValue(generationMax) is { } gm ? TimeSpan.FromSeconds(gm) : null,
                MaxConcurrentTasks = parse.GetValue(maxConcurrent),
                ResultUrlTtl = TimeSpan.FromSeconds(parse.GetValue(ttl)),
                PublicBaseUrl = parse.GetValue(publicBase),
                ConsoleLogging = parse.GetValue(verbose),
                Faults = new KlingEmulatorFaults
                {
                    Seed = parse.GetValue(seed),
                    Create5xx = parse.GetValue(f5xx),
                    Create429 = parse.GetValue(f429),
                    CreateTimeout = parse.GetValue(fTimeout),
                    ConnectionReset = parse.GetValue(fReset),
                    MalformedJson = parse.GetValue(fMalformed),
                    SchemaChanged = parse.GetValue(fSchema),
                    ContentRejected = parse.GetValue(fContent),
                    FailTask = parse.GetValue(fFail),
                    SlowDownload = parse.GetValue(fSlow),
                    TruncatedDownload = parse.GetValue(fTruncated),
                    CallbacksNeverCome = parse.GetValue(fNoCallbacks),
                },
            };
            var url = $"http://{parse.GetValue(host)}:{parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}";
            await using var emulator = await KlingEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Kling emulator listening on {emulator.BaseAddress}");
            if (options.AccessKey is { Length: > 0 })
            {
                Console.WriteLine($"  access key: {options.AccessKey}");
                Console.WriteLine($"  secret key: {options.SecretKey}");
            }
            else
            {
                Console.WriteLine("  authentication: off");
            }
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Higgsfield()
    {
        var (port, host, compression, queue, generation, publicBase, seed, verbose) = new EmulatorCommonOptions(9091, "Seconds a job stays 'queued'", 10, "Seconds a job stays 'in_progress'", 90);
        var apiKey = new Option<string>("--api-key") { Description = "hf-api-key the emulator accepts", DefaultValueFactory = _ => HiggsfieldEmulatorOptions.DefaultApiKey };
        var secret = new Option<string>("--secret") { Description = "hf-secret the emulator accepts", DefaultValueFactory = _ => HiggsfieldEmulatorOptions.DefaultSecret };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without credentials" };
        var f5xx = Probability("--fault-create-5xx", "Generate answers 500 or 503");
        var f429 = Probability("--fault-create-429", "Generate answers 429 (rate limit)");
        var fCredits = Probability("--fault-not-enough-credits", "Generate answers 403 (not enough credits)");
        var fNsfw = Probability("--fault-nsfw", "Jobs end nsfw (content rejected)");
        var fFail = Probability("--fault-fail-job", "Jobs end failed");

        var command = new Command("higgsfield", "Emulate Higgsfield's platform API (hf-api-key/hf-secret, /generate/kling-2-5, job sets)")
        {
            port, host, apiKey, secret, noAuth, compression, queue, generation, publicBase, seed, verbose, f5xx, f429, fCredits, fNsfw, fFail,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(compression) <= 0) throw new CliException("--time-compression must be positive");
            var options = new HiggsfieldEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                Secret = parse.GetValue(secret)!,
                TimeCompression = parse.GetValue(compression),
                QueueTime = TimeSpan.FromSeconds(parse.GetValue(queue)),
                GenerationTime = TimeSpan.FromSeconds(parse.GetValue(generation)),
                PublicBaseUrl = parse.GetValue(publicBase),
                ConsoleLogging = parse.GetValue(verbose),
                Faults = new HiggsfieldEmulatorFaults
                {
                    Seed = parse.GetValue(seed),
                    Create5xx = parse.GetValue(f5xx),
                    Create429 = parse.GetValue(f429),
                    NotEnoughCredits = parse.GetValue(fCredits),
                    Nsfw = parse.GetValue(fNsfw),
                    FailJob = parse.GetValue(fFail),
                },
            };
            var url = $"http://{parse.GetValue(host)}:{parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}";
            await using var emulator = await HiggsfieldEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Higgsfield emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } ? $"  hf-api-key: {options.ApiKey}\n  hf-secret: {options.Secret}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command Highway()
    {
        var (port, host, compression, queue, generation, publicBase, seed, verbose) = new EmulatorCommonOptions(9092, "Seconds a task stays TASK_STATUS_QUEUED", 10, "Seconds a task stays TASK_STATUS_PROCESSING", 90);
        var apiKey = new Option<string>("--api-key") { Description = "Bearer key the emulator accepts", DefaultValueFactory = _ => HighwayEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };
        var f5xx = Probability("--fault-create-5xx", "Create answers 500 or 503");
        var f429 = Probability("--fault-create-429", "Create answers 429 TOKEN_LIMIT_EXCEEDED");
        var fBalance = Probability("--fault-not-enough-balance", "Create answers 403 NOT_ENOUGH_BALANCE");
        var fContent = Probability("--fault-content-rejected", "Tasks end FAILED by content moderation (NSFW)");
        var fFail = Probability("--fault-fail-task", "Tasks end FAILED");

        var command = new Command("highway", "Emulate Highway's async API (Bearer key, kling-2.5-turbo i2v/t2v, task-result)")
        {
            port, host, apiKey, noAuth, compression, queue, generation, publicBase, seed, verbose, f5xx, f429, fBalance, fContent, fFail,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(compression) <= 0) throw new CliException("--time-compression must be positive");
            var options = new HighwayEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                TimeCompression = parse.GetValue(compression),
                QueueTime = TimeSpan.FromSeconds(parse.GetValue(queue)),
                GenerationTime = TimeSpan.FromSeconds(parse.GetValue(generation)),
                PublicBaseUrl = parse.GetValue(publicBase),
                ConsoleLogging = parse.GetValue(verbose),
                Faults = new HighwayEmulatorFaults
                {
                    Seed = parse.GetValue(seed),
                    Create5xx = parse.GetValue(f5xx),
                    Create429 = parse.GetValue(f429),
                    NotEnoughBalance = parse.GetValue(fBalance),
                    ContentRejected = parse.GetValue(fContent),
                    FailTask = parse.GetValue(fFail),
                },
            };
            var url = $"http://{parse.GetValue(host)}:{parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}";
            await using var emulator = await HighwayEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Highway emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } ? $"  api key (Bearer): {options.ApiKey}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command ApiFrame()
    {
        var (port, host, compression, queue, generation, publicBase, seed, verbose) = new EmulatorCommonOptions(9091, "Seconds a task stays 'pending'", 20, "Seconds a task stays 'processing'", 120, "Log requests and webhook failures", "Base of result URLs when reached through another address");
        var apiKey = new Option<string>("--api-key") { Description = "Raw Authorization value the emulator accepts", DefaultValueFactory = _ => ApiFrameEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };
        var fetchImages = new Option<bool>("--fetch-images") { Description = "Download image_url on create and refuse the task when that fails" };
        var f5xx = Probability("--fault-create-5xx", "Create answers 500 {}");
        var f429 = Probability("--fault-create-429", "Create answers 429 (rate limit)");
        var fTimeout = Probability("--fault-create-timeout", "Create hangs 10 min after creating the task");
        var fContent = Probability("--fault-content-rejected", "Tasks end failed by content moderation");
        var fFail = Probability("--fault-fail-task", "Tasks end failed");
        var fNoWebhooks = new Option<bool>("--fault-webhooks-never-come") { Description = "Never send webhooks" };

        var command = new Command("apiframe", "Emulate APIFrame's Kling API (raw key auth, /kling-imagine, /fetch, webhooks)")
        {
            port, host, apiKey, noAuth, compression, queue, generation, fetchImages, publicBase, seed, verbose, f5xx, f429, fTimeout, fContent, fFail, fNoWebhooks,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(compression) <= 0) throw new CliException("--time-compression must be positive");
            var options = new ApiFrameEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                TimeCompression = parse.GetValue(compression),
                QueueTime = TimeSpan.FromSeconds(parse.GetValue(queue)),
                GenerationTime = TimeSpan.FromSeconds(parse.GetValue(generation)),
                FetchImages = parse.GetValue(fetchImages),
                PublicBaseUrl = parse.GetValue(publicBase),
                ConsoleLogging = parse.GetValue(verbose),
                Faults = new ApiFrameEmulatorFaults
                {
                    Seed = parse.GetValue(seed),
                    Create5xx = parse.GetValue(f5xx),
                    Create429 = parse.GetValue(f429),
                    CreateTimeout = parse.GetValue(fTimeout),
                    ContentRejected = parse.GetValue(fContent),
                    FailTask = parse.GetValue(fFail),
                    WebhooksNeverCome = parse.GetValue(fNoWebhooks),
                },
            };
            var url = $"http://{parse.GetValue(host)}:{parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}";
            await using var emulator = await ApiFrameEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"APIFrame emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } key ? $"  api key: {key}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command HyprLab()
    {
        var (port, host, compression, queue, generation, publicBase, seed, verbose) = new EmulatorCommonOptions(9092, "Seconds a generation stays 'pending'", 10, "Seconds a generation stays 'processing'", 120, "Log requests", "Base of polling and result URLs when reached through another address");
        var apiKey = new Option<string>("--api-key") { Description = "Bearer key the emulator accepts", DefaultValueFactory = _ => HyprLabEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };
        var f5xx = Probability("--fault-create-5xx", "Create answers 500 or 503");
        var f429 = Probability("--fault-create-429", "Create answers 429 rate_limit_exceeded");
        var fQuota = Probability("--fault-create-quota", "Create answers 429 insufficient_quota");
        var fContent = Probability("--fault-content-rejected", "Generations end failed by the content policy");
        var fFail = Probability("--fault-fail-task", "Generations end failed");

        var command = new Command("hyprlab", "Emulate HyprLab's video API (bearer key, /v1/video/generations, polling URLs)")
        {
            port, host, apiKey, noAuth, compression, queue, generation, publicBase, seed, verbose, f5xx, f429, fQuota, fContent, fFail,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(compression) <= 0) throw new CliException("--time-compression must be positive");
            var options = new HyprLabEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                TimeCompression = parse.GetValue(compression),
                QueueTime = TimeSpan.FromSeconds(parse.GetValue(queue)),
                GenerationTime = TimeSpan.FromSeconds(parse.GetValue(generation)),
                PublicBaseUrl = parse.GetValue(publicBase),
                ConsoleLogging = parse.GetValue(verbose),
                Faults = new HyprLabEmulatorFaults
                {
                    Seed = parse.GetValue(seed),
                    Create5xx = parse.GetValue(f5xx),
                    Create429 = parse.GetValue(f429),
                    CreateQuota = parse.GetValue(fQuota),
                    ContentRejected = parse.GetValue(fContent),
                    FailTask = parse.GetValue(fFail),
                },
            };
            var url = $"http://{parse.GetValue(host)}:{parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}";
            await using var emulator = await HyprLabEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"HyprLab emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } key ? $"  api key: {key}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command Leonardo()
    {
        var (port, host, compression, queue, generation, publicBase, seed, verbose) = new EmulatorCommonOptions(9093, "Seconds a generation waits (PENDING)", 10, "Seconds a generation renders (PENDING)", 90, "Log requests", "Base of upload-form and result URLs when reached through another address");
        var apiKey = new Option<string>("--api-key") { Description = "Bearer key the emulator accepts", DefaultValueFactory = _ => LeonardoEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };
        var f5xx = Probability("--fault-create-5xx", "Generation create answers 500 or 503");
        var f429 = Probability("--fault-create-429", "Generation create answers 429 (rate limit)");
        var fInit = Probability("--fault-init-image-5xx", "POST /init-image answers 503");
        var fContent = Probability("--fault-content-rejected", "Generations end FAILED with the output flagged nsfw");
        var fFail = Probability("--fault-fail-generation", "Generations end FAILED");

        var command = new Command("leonardo", "Emulate Leonardo.ai's video API (Bearer key, init-image uploads, generations-*-to-video, generations/{id})")
        {
            port, host, apiKey, noAuth, compression, queue, generation, publicBase, seed, verbose, f5xx, f429, fInit, fContent, fFail,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(compression) <= 0) throw new CliException("--time-compression must be positive");
            var options = new LeonardoEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                TimeCompression = parse.GetValue(compression),
                QueueTime = TimeSpan.FromSeconds(parse.GetValue(queue)),
                GenerationTime = TimeSpan.FromSeconds(parse.GetValue(generation)),
                PublicBaseUrl = parse.GetValue(publicBase),
                ConsoleLogging = parse.GetValue(verbose),
                Faults = new LeonardoEmulatorFaults
                {
                    Seed = parse.GetValue(seed),
                    Create5xx = parse.GetValue(f5xx),
                    Create429 = parse.GetValue(f429),
                    InitImage5xx = parse.GetValue(fInit),
                    ContentRejected = parse.GetValue(fContent),
                    FailGeneration = parse.GetValue(fFail),
                },
            };
            var url = $"http://{parse.GetValue(host)}:{parse.GetValue(port).ToString(CultureInfo.InvariantCulture)}";
            await using var emulator = await LeonardoEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Leonardo emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } key ? $"  api key (Bearer): {key}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static async Task<int> RunUntilStoppedAsync(CancellationToken ct)
    {
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        return ExitCodes.Ok;
    }

    private static Option<double> Probability(string name, string what)
    {
        var option = new Option<double>(name) { Description = what + " (probability 0..1)" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1) r.AddError($"{name} must be between 0 and 1");
        });
        return option;
    }
}
