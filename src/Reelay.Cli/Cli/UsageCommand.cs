using Reelay.Hosting;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Credits;
using Reelay.Jobs;
using Spectre.Console;

namespace Reelay.Cli;

/// <summary><c>reelay usage [--from] [--to] [--group-by day|model|key] [--key-id] [--csv]</c>: credit usage from the ledger of --data-dir.</summary>
public static class UsageCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Start (ISO-8601 date or time, UTC); default 30 days before --to" };
        var to = new Option<string?>("--to") { Description = "End, exclusive (a bare date includes that day); default now" };
        var groupBy = new Option<string>("--group-by") { Description = "day, model or key", DefaultValueFactory = _ => "day" };
        groupBy.AcceptOnlyFromAmong("day", "model", "key");
        var keyId = new Option<string?>("--key-id") { Description = "Only this key" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV instead of a table" };
        var command = new Command("usage", "Show credit usage (jobs, charges, refunds, top-ups)") { from, to, groupBy, keyId, csv };
        command.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.OpenAsync(parse, ct);
            var errors = new FieldErrors();
            var query = UsageRequest.Read(parse.GetValue(from), parse.GetValue(to), parse.GetValue(groupBy), parse.GetValue(keyId),
                host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), errors);
            if (query is null)
                throw new CliException(string.Join("; ", errors.ToDictionary().SelectMany(kv => kv.Value.Select(m => $"--{kv.Key.Replace('_', '-')} {m}"))));
            var rows = await host.Services.GetRequiredService<ICreditStore>().UsageAsync(query, ct);
            if (parse.GetValue(csv))
            {
                Console.Write(UsageCsv.Write(query.GroupBy, rows));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns(UsageCsv.GroupColumn(query.GroupBy), "jobs", "settled", "refunds", "reserved", "refunded", "charged", "top-ups");
            foreach (var column in table.Columns.Skip(1)) column.RightAligned();
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Group.Length == 0 ? "(none)" : r.Group), r.Jobs.ToString(), r.Settled.ToString(), r.Refunds.ToString(),
                    UsageCsv.Credits(r.Reserved), UsageCsv.Credits(r.Refunded), UsageCsv.Credits(r.Charged), UsageCsv.Credits(r.TopUps));
            }
            table.Caption($"{query.From:u} – {query.To:u}" + (query.KeyId is null ? "" : $", key {query.KeyId}"));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
