using System.CommandLine;
using Reelay.Emulation;

namespace Reelay.Cli;

/// <summary><c>reelay emulate &lt;provider&gt;</c>: runs a fake upstream so integrations can be tested offline; stops on Ctrl+C or SIGTERM.</summary>
public static class EmulateCommand
{
    public static Command Create()
    {
        var command = new Command("emulate", "Run a fake provider API (offline, in memory) for tests and benchmarks");
        foreach (var emulator in EmulatorCommands.All) command.Subcommands.Add(emulator.Create());
        return command;
    }
}
