using Reelay.Emulation;
using System.CommandLine;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary><c>reelay emulate higgsfield</c>.</summary>
public sealed class HiggsfieldEmulatorCommand : IEmulatorCommand
{
    public Command Create()
    {
        var common = new EmulatorCommonOptions(9091, "Seconds a job stays 'queued'", 10, "Seconds a job stays 'in_progress'", 90);
        var key = new EmulatorKeyOptions("hf-api-key the emulator accepts", HiggsfieldEmulatorOptions.DefaultApiKey, noAuthDescription: "Accept requests without credentials");
        var secret = new Option<string>("--secret") { Description = "hf-secret the emulator accepts", DefaultValueFactory = _ => HiggsfieldEmulatorOptions.DefaultSecret };

        return EmulatorCommand.Create("higgsfield", "Emulate Higgsfield's platform API (hf-api-key/hf-secret, /generate/kling-2-5, job sets)", common,
            [key.Key, secret, key.NoAuth], async (parse, url, ct) =>
            {
                var options = common.Apply(parse, new HiggsfieldEmulatorOptions { ApiKey = key.Value(parse), Secret = parse.GetValue(secret)! });
                var emulator = await HiggsfieldEmulator.StartAsync(url, options, ct: ct);
                return new EmulatorCommand.Running(emulator, EmulatorKeyOptions.Describe(("hf-api-key", options.ApiKey), ("hf-secret", options.Secret)));
            }, "Higgsfield");
    }
}
