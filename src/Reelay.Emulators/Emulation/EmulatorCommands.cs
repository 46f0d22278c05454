using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.Kling.Emulator;
using Reelay.Providers.Leonardo.Emulator;

namespace Reelay.Emulation;

/// <summary>Every provider emulator's <c>reelay emulate</c> command, one line each: the only list that names them.</summary>
public static class EmulatorCommands
{
    public static IReadOnlyList<IEmulatorCommand> All { get; } =
    [
        new KlingEmulatorCommand(),
        new HiggsfieldEmulatorCommand(),
        new HighwayEmulatorCommand(),
        new ApiFrameEmulatorCommand(),
        new HyprLabEmulatorCommand(),
        new LeonardoEmulatorCommand(),
    ];
}
