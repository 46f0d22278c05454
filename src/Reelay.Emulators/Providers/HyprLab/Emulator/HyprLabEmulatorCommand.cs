using Reelay.Emulation;
using System.CommandLine;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary><c>reelay emulate hyprlab</c>.</summary>
public sealed class HyprLabEmulatorCommand : IEmulatorCommand
{
    public Command Create()
    {
        var common = new EmulatorCommonOptions(9092, "Seconds a generation stays 'pending'", 10, "Seconds a generation stays 'processing'", 120, "Log requests", "Base of polling and result URLs when reached through another address");
        var key = new EmulatorKeyOptions("Bearer key the emulator accepts", HyprLabEmulatorOptions.DefaultApiKey);

        return EmulatorCommand.Create("hyprlab", "Emulate HyprLab's video API (bearer key, /v1/video/generations, polling URLs)", common,
            [key.Key, key.NoAuth], async (parse, url, ct) =>
            {
                var options = common.Apply(parse, new HyprLabEmulatorOptions { ApiKey = key.Value(parse) });
                var emulator = await HyprLabEmulator.StartAsync(url, options, ct: ct);
                return new EmulatorCommand.Running(emulator, EmulatorKeyOptions.Describe(("api key", options.ApiKey)));
            }, "HyprLab");
    }
}
