using Reelay.Emulation;
using System.CommandLine;

namespace Reelay.Providers.Highway.Emulator;

/// <summary><c>reelay emulate highway</c>.</summary>
public sealed class HighwayEmulatorCommand : IEmulatorCommand
{
    public Command Create()
    {
        var common = new EmulatorCommonOptions(9092, "Seconds a task stays TASK_STATUS_QUEUED", 10, "Seconds a task stays TASK_STATUS_PROCESSING", 90);
        var key = new EmulatorKeyOptions("Bearer key the emulator accepts", HighwayEmulatorOptions.DefaultApiKey);

        return EmulatorCommand.Create("highway", "Emulate Highway's async API (Bearer key, kling-2.5-turbo i2v/t2v, task-result)", common,
            [key.Key, key.NoAuth], async (parse, url, ct) =>
            {
                var options = common.Apply(parse, new HighwayEmulatorOptions { ApiKey = key.Value(parse) });
                var emulator = await HighwayEmulator.StartAsync(url, options, ct: ct);
                return new EmulatorCommand.Running(emulator, EmulatorKeyOptions.Describe(("api key (Bearer)", options.ApiKey)));
            }, "Highway");
    }
}
