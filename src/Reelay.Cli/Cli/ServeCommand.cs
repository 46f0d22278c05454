using System.CommandLine;
using Reelay.Hosting;

namespace Reelay.Cli;

/// <summary><c>reelay serve</c>: runs the API server, scheduler and webhook dispatcher. Further configuration via appsettings.json / REELAY__... / --Reelay:Key=value.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on ($ASPNETCORE_URLS)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:8080",
        };
        var command = new Command("serve", "Run the Reelay server") { urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var app = ReelayHost.BuildServer(new ServerSettings
            {
                Args = [.. parse.UnmatchedTokens],
                DataDir = parse.GetValue(CliOptions.DataDir),
                Urls = parse.GetValue(urls),
            });
            await ReelayHost.PrepareAsync(app.Services, Console.Out, ct);
            await app.RunAsync();
            return ExitCodes.Ok;
        });
        return command;
    }
}
