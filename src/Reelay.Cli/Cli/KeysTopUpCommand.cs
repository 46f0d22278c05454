using Reelay.Hosting;
using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Credits;

namespace Reelay.Cli;

/// <summary><c>reelay keys top-up &lt;id&gt; &lt;amount&gt;</c>: adds credits to a key (making it limited) in the data directory's store.</summary>
public static class KeysTopUpCommand
{
    public static Command Create()
    {
        var id = new Argument<Guid>("id") { Description = "Key id (UUID)" };
        var amount = new Argument<string>("amount") { Description = "Credits to add (> 0, up to 6 decimals)" };
        var command = new Command("top-up", "Add credits to a key; a key with credits is refused when its balance does not cover a job") { id, amount };
        command.SetAction(async (parse, ct) =>
        {
            if (!decimal.TryParse(parse.GetValue(amount), NumberStyles.Number, CultureInfo.InvariantCulture, out var credits)
                || credits <= 0 || !CreditUnits.IsExact(credits))
                throw new CliException("amount must be a number of credits > 0 with at most 6 decimals");
            using var host = await CliHost.OpenAsync(parse, ct);
            var keyId = parse.GetValue(id);
            if (await host.Services.GetRequiredService<IKeyStore>().GetAsync(keyId, ct) is null) throw new CliException($"no key {keyId}");
            var balance = await host.Services.GetRequiredService<ICreditStore>().TopUpAsync(
                keyId.ToString(), credits, host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
            Console.WriteLine($"key {keyId}: balance {UsageCsv.Credits(balance.Balance)} credits");
            return ExitCodes.Ok;
        });
        return command;
    }
}
