using Reelay.Hosting;
using System.CommandLine;
using System.Runtime.InteropServices;
using Reelay.Emulation;

namespace Reelay.Emulation;

/// <summary>
/// Builds one <c>reelay emulate &lt;provider&gt;</c> command: the shared options, the provider's own, and the one run
/// loop every emulator uses (start, print where it listens and how to authenticate, run until Ctrl+C or SIGTERM, stop cleanly).
/// </summary>
public static class EmulatorCommand
{
    /// <summary>What a provider's command started: the emulator and the lines that tell how to reach it.</summary>
    public sealed record Running(EmulatorServer Emulator, string Credentials);

    public static Command Create(string name, string description, EmulatorCommonOptions common, IEnumerable<Option> own,
        Func<ParseResult, string, CancellationToken, Task<Running>> start, string title)
    {
        var command = new Command(name, description);
        foreach (var option in own) command.Options.Add(option);
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var running = await start(parse, common.Url(parse), ct);
            await using var emulator = running.Emulator;
            Console.WriteLine($"{title} emulator listening on {emulator.BaseAddress}");
            Console.WriteLine(running.Credentials);
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
