using System.CommandLine;
using System.Runtime.InteropServices;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.Kling.Emulator;
using Reelay.Providers.Leonardo.Emulator;

namespace Reelay.Cli;

/// <summary><c>reelay emulate kling|higgsfield|highway|apiframe|hyprlab|leonardo</c>: runs a fake upstream so integrations can be tested offline; stops on Ctrl+C or SIGTERM.</summary>
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
        var common = new EmulatorCommonOptions(9090, "Seconds a task stays 'submitted'", 30, "Seconds a task stays 'processing'", 120, "Log requests and callback failures");
        var accessKey = new Option<string>("--access-key") { Description = "JWT iss the emulator accepts", DefaultValueFactory = _ => KlingEmulatorOptions.DefaultAccessKey };
        var secretKey = new Option<string>("--secret-key") { Description = "HS256 secret JWTs must be signed with", DefaultValueFactory = _ => KlingEmulatorOptions.DefaultSecretKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a JWT" };
        var generationMax = new Option<double?>("--generation-seconds-max") { Description = "Draw each task's generation time from [--generation-seconds, this]" };
        var maxConcurrent = new Option<int?>("--max-concurrent") { Description = "Running tasks allowed at once (429 code 1303 beyond)" };
        var ttl = new Option<double>("--result-url-ttl-seconds") { Description = "Validity of result URLs after success", DefaultValueFactory = _ => TimeSpan.FromDays(30).TotalSeconds };

        var command = new Command("kling", "Emulate the official Kling API (JWT auth, text2video/image2video, callbacks)") { accessKey, secretKey, noAuth, generationMax, maxConcurrent, ttl };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var url = common.Url(parse);
            var options = common.Apply(parse, new KlingEmulatorOptions
            {
                AccessKey = parse.GetValue(noAuth) ? null : parse.GetValue(accessKey),
                SecretKey = parse.GetValue(secretKey)!,
                GenerationTimeMax = parse.GetValue(generationMax) is { } gm ? TimeSpan.FromSeconds(gm) : null,
                MaxConcurrentTasks = parse.GetValue(maxConcurrent),
                ResultUrlTtl = TimeSpan.FromSeconds(parse.GetValue(ttl)),
            });
            await using var emulator = await KlingEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Kling emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.AccessKey is { Length: > 0 } ? $"  access key: {options.AccessKey}\n  secret key: {options.SecretKey}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command Higgsfield()
    {
        var common = new EmulatorCommonOptions(9091, "Seconds a job stays 'queued'", 10, "Seconds a job stays 'in_progress'", 90);
        var apiKey = new Option<string>("--api-key") { Description = "hf-api-key the emulator accepts", DefaultValueFactory = _ => HiggsfieldEmulatorOptions.DefaultApiKey };
        var secret = new Option<string>("--secret") { Description = "hf-secret the emulator accepts", DefaultValueFactory = _ => HiggsfieldEmulatorOptions.DefaultSecret };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without credentials" };

        var command = new Command("higgsfield", "Emulate Higgsfield's platform API (hf-api-key/hf-secret, /generate/kling-2-5, job sets)")
        {
            apiKey, secret, noAuth,
        };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var url = common.Url(parse);
            var options = common.Apply(parse, new HiggsfieldEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                Secret = parse.GetValue(secret)!,
            });
            await using var emulator = await HiggsfieldEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Higgsfield emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } ? $"  hf-api-key: {options.ApiKey}\n  hf-secret: {options.Secret}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command Highway()
    {
        var common = new EmulatorCommonOptions(9092, "Seconds a task stays TASK_STATUS_QUEUED", 10, "Seconds a task stays TASK_STATUS_PROCESSING", 90);
        var apiKey = new Option<string>("--api-key") { Description = "Bearer key the emulator accepts", DefaultValueFactory = _ => HighwayEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };

        var command = new Command("highway", "Emulate Highway's async API (Bearer key, kling-2.5-turbo i2v/t2v, task-result)")
        {
            apiKey, noAuth,
        };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var url = common.Url(parse);
            var options = common.Apply(parse, new HighwayEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
            });
            await using var emulator = await HighwayEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Highway emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } ? $"  api key (Bearer): {options.ApiKey}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command ApiFrame()
    {
        var common = new EmulatorCommonOptions(9091, "Seconds a task stays 'pending'", 20, "Seconds a task stays 'processing'", 120, "Log requests and webhook failures", "Base of result URLs when reached through another address");
        var apiKey = new Option<string>("--api-key") { Description = "Raw Authorization value the emulator accepts", DefaultValueFactory = _ => ApiFrameEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };
        var fetchImages = new Option<bool>("--fetch-images") { Description = "Download image_url on create and refuse the task when that fails" };

        var command = new Command("apiframe", "Emulate APIFrame's Kling API (raw key auth, /kling-imagine, /fetch, webhooks)")
        {
            apiKey, noAuth, fetchImages,
        };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var url = common.Url(parse);
            var options = common.Apply(parse, new ApiFrameEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                FetchImages = parse.GetValue(fetchImages),
            });
            await using var emulator = await ApiFrameEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"APIFrame emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } key ? $"  api key: {key}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command HyprLab()
    {
        var common = new EmulatorCommonOptions(9092, "Seconds a generation stays 'pending'", 10, "Seconds a generation stays 'processing'", 120, "Log requests", "Base of polling and result URLs when reached through another address");
        var apiKey = new Option<string>("--api-key") { Description = "Bearer key the emulator accepts", DefaultValueFactory = _ => HyprLabEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };

        var command = new Command("hyprlab", "Emulate HyprLab's video API (bearer key, /v1/video/generations, polling URLs)")
        {
            apiKey, noAuth,
        };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var url = common.Url(parse);
            var options = common.Apply(parse, new HyprLabEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
            });
            await using var emulator = await HyprLabEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"HyprLab emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } key ? $"  api key: {key}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    private static Command Leonardo()
    {
        var common = new EmulatorCommonOptions(9093, "Seconds a generation waits (PENDING)", 10, "Seconds a generation renders (PENDING)", 90, "Log requests", "Base of upload-form and result URLs when reached through another address");
        var apiKey = new Option<string>("--api-key") { Description = "Bearer key the emulator accepts", DefaultValueFactory = _ => LeonardoEmulatorOptions.DefaultApiKey };
        var noAuth = new Option<bool>("--no-auth") { Description = "Accept requests without a key" };
        var initImage5xx = new Option<double>("--fault-init-image-5xx") { Description = "Probability (0..1) that POST /init-image answers 503" };

        var command = new Command("leonardo", "Emulate Leonardo.ai's video API (Bearer key, init-image uploads, generations-*-to-video, generations/{id})")
        {
            apiKey, noAuth, initImage5xx,
        };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var url = common.Url(parse);
            var options = common.Apply(parse, new LeonardoEmulatorOptions
            {
                ApiKey = parse.GetValue(noAuth) ? null : parse.GetValue(apiKey),
                InitImage5xx = parse.GetValue(initImage5xx),
            });
            await using var emulator = await LeonardoEmulator.StartAsync(url, options, ct: ct);
            Console.WriteLine($"Leonardo emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(options.ApiKey is { Length: > 0 } key ? $"  api key (Bearer): {key}" : "  authentication: off");
            return await RunUntilStoppedAsync(ct);
        });
        return command;
    }

    /// <summary>Runs until Ctrl+C or SIGTERM (a service manager's or container's stop), then lets the emulator shut down cleanly.</summary>
    private static async Task<int> RunUntilStoppedAsync(CancellationToken ct)
    {
        Console.WriteLine("Press Ctrl+C to stop.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return ExitCodes.Ok;
    }
}
