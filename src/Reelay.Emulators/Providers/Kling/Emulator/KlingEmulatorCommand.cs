using Reelay.Emulation;
using System.CommandLine;

namespace Reelay.Providers.Kling.Emulator;

/// <summary><c>reelay emulate kling</c>.</summary>
public sealed class KlingEmulatorCommand : IEmulatorCommand
{
    public Command Create()
    {
        var common = new EmulatorCommonOptions(9090, "Seconds a task stays 'submitted'", 30, "Seconds a task stays 'processing'", 120, "Log requests and callback failures");
        var access = new EmulatorKeyOptions("JWT iss the emulator accepts", KlingEmulatorOptions.DefaultAccessKey, "--access-key", "Accept requests without a JWT");
        var secretKey = new Option<string>("--secret-key") { Description = "HS256 secret JWTs must be signed with", DefaultValueFactory = _ => KlingEmulatorOptions.DefaultSecretKey };
        var generationMax = new Option<double?>("--generation-seconds-max") { Description = "Draw each task's generation time from [--generation-seconds, this]" };
        var maxConcurrent = new Option<int?>("--max-concurrent") { Description = "Running tasks allowed at once (429 code 1303 beyond)" };
        var ttl = new Option<double>("--result-url-ttl-seconds") { Description = "Validity of result URLs after success", DefaultValueFactory = _ => TimeSpan.FromDays(30).TotalSeconds };

        return EmulatorCommand.Create("kling", "Emulate the official Kling API (JWT auth, text2video/image2video, callbacks)", common,
            [access.Key, secretKey, access.NoAuth, generationMax, maxConcurrent, ttl], async (parse, url, ct) =>
            {
                var options = common.Apply(parse, new KlingEmulatorOptions
                {
                    AccessKey = access.Value(parse),
                    SecretKey = parse.GetValue(secretKey)!,
                    GenerationTimeMax = parse.GetValue(generationMax) is { } gm ? TimeSpan.FromSeconds(gm) : null,
                    MaxConcurrentTasks = parse.GetValue(maxConcurrent),
                    ResultUrlTtl = TimeSpan.FromSeconds(parse.GetValue(ttl)),
                });
                var emulator = await KlingEmulator.StartAsync(url, options, ct: ct);
                return new EmulatorCommand.Running(emulator, EmulatorKeyOptions.Describe(("access key", options.AccessKey), ("secret key", options.SecretKey)));
            }, "Kling");
    }
}
