using System.CommandLine;
using Reelay.Emulation;
using Reelay.Providers.Highway.Emulator;

namespace Reelay.Tests.Cli;

public sealed class EmulatorCommonOptionsTests
{
    [Fact]
    public void Apply_SharedFlags_SetOnTheProvidersOptionsKeepingItsOwn()
    {
        var common = new EmulatorCommonOptions(9092, "queued", 10, "processing", 90);
        var command = new Command("highway");
        common.AddTo(command);
        var parse = command.Parse(["--time-compression", "4", "--queue-seconds", "2", "--generation-seconds", "30",
            "--public-base-url", "http://emu.example", "--verbose", "--fault-create-5xx", "0.25", "--seed", "7"]);

        var options = common.Apply(parse, new HighwayEmulatorOptions { ApiKey = "k" });

        Assert.Empty(parse.Errors);
        Assert.Equal(4, options.TimeCompression);
        Assert.Equal(TimeSpan.FromSeconds(2), options.QueueTime);
        Assert.Equal(TimeSpan.FromSeconds(30), options.GenerationTime);
        Assert.Equal("http://emu.example", options.PublicBaseUrl);
        Assert.True(options.ConsoleLogging);
        Assert.Equal(0.25, options.Faults.Create5xx);
        Assert.Equal("k", options.ApiKey);
    }
}
