using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Hosting;
using Reelay.Storage;

namespace Reelay.Cli;

/// <summary><c>reelay migrate</c>: applies pending store migrations and exits (also done automatically by serve); SQLite or PostgreSQL per Reelay:Storage:Provider.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply database migrations and exit");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            using var host = ReelayHost.BuildEmbedded(parse.GetValue(CliOptions.DataDir), [.. parse.UnmatchedTokens]);
            ReelayHost.ValidateOptions(host.Services);
            await host.Services.GetRequiredService<IJobStore>().MigrateAsync(ct);
            Console.WriteLine("migrations applied");
            return ExitCodes.Ok;
        });
        return command;
    }
}
