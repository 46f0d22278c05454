using Reelay.Emulation;
using System.CommandLine;

namespace Reelay.Providers.Leonardo.Emulator;

/// <summary><c>reelay emulate leonardo</c>.</summary>
public sealed class LeonardoEmulatorCommand : IEmulatorCommand
{
    public Command Create()
    {
        var common = new EmulatorCommonOptions(9093, "Seconds a generation waits (PENDING)", 10, "Seconds a generation renders (PENDING)", 90, "Log requests", "Base of upload-form and result URLs when reached through another address");
        var key = new EmulatorKeyOptions("Bearer key the emulator accepts", LeonardoEmulatorOptions.DefaultApiKey);
        var initImage5xx = new Option<double>("--fault-init-image-5xx") { Description = "Probability (0..1) that POST /init-image answers 503" };

        return EmulatorCommand.Create("leonardo", "Emulate Leonardo.ai's video API (Bearer key, init-image uploads, generations-*-to-video, generations/{id})", common,
            [key.Key, key.NoAuth, initImage5xx], async (parse, url, ct) =>
            {
                var options = common.Apply(parse, new LeonardoEmulatorOptions { ApiKey = key.Value(parse), InitImage5xx = parse.GetValue(initImage5xx) });
                var emulator = await LeonardoEmulator.StartAsync(url, options, ct: ct);
                return new EmulatorCommand.Running(emulator, EmulatorKeyOptions.Describe(("api key (Bearer)", options.ApiKey)));
            }, "Leonardo");
    }
}
