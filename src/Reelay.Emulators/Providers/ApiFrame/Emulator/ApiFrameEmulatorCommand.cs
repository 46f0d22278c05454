using Reelay.Emulation;
using System.CommandLine;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary><c>reelay emulate apiframe</c>.</summary>
public sealed class ApiFrameEmulatorCommand : IEmulatorCommand
{
    public Command Create()
    {
        var common = new EmulatorCommonOptions(9091, "Seconds a task stays 'pending'", 20, "Seconds a task stays 'processing'", 120, "Log requests and webhook failures", "Base of result URLs when reached through another address");
        var key = new EmulatorKeyOptions("Raw Authorization value the emulator accepts", ApiFrameEmulatorOptions.DefaultApiKey);
        var fetchImages = new Option<bool>("--fetch-images") { Description = "Download image_url on create and refuse the task when that fails" };

        return EmulatorCommand.Create("apiframe", "Emulate APIFrame's Kling API (raw key auth, /kling-imagine, /fetch, webhooks)", common,
            [key.Key, key.NoAuth, fetchImages], async (parse, url, ct) =>
            {
                var options = common.Apply(parse, new ApiFrameEmulatorOptions { ApiKey = key.Value(parse), FetchImages = parse.GetValue(fetchImages) });
                var emulator = await ApiFrameEmulator.StartAsync(url, options, ct: ct);
                return new EmulatorCommand.Running(emulator, EmulatorKeyOptions.Describe(("api key", options.ApiKey)));
            }, "APIFrame");
    }
}
