using Reelay.Hosting;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Credits;
using Spectre.Console;

namespace Reelay.Cli;

/// <summary>
/// <c>reelay doctor</c>: consistency checks on the store of --data-dir. Today: every key's credit balance equals the
/// sum of its ledger entries. Exits 0 when all checks pass, 1 on any mismatch (each one reported).
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check the store's consistency (credit balances against the ledger)");
        command.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.OpenAsync(parse, ct);
            var checks = await host.Services.GetRequiredService<ICreditStore>().CheckLedgerAsync(ct);
            var table = new Table().AddColumns("key", "metered", "balance", "ledger sum", "entries", "check");
            foreach (var c in checks)
            {
                table.AddRow(c.KeyId, c.Limited ? "yes" : "no", UsageCsv.Credits(c.Balance), UsageCsv.Credits(c.LedgerSum), c.Entries.ToString(),
                    c.Matches ? "[green]ok[/]" : "[red]MISMATCH[/]");
            }
            AnsiConsole.Write(table);
            var bad = checks.Count(c => !c.Matches);
            Console.WriteLine(bad == 0
                ? $"ledger: ok ({checks.Count} accounts, every balance equals its ledger sum)"
                : $"ledger: {bad} of {checks.Count} accounts do not match their ledger sum");
            return bad == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
