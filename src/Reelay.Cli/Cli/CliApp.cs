using System.CommandLine;
using Reelay.Hosting;

namespace Reelay.Cli;

/// <summary>
/// Entry point of the <c>reelay</c> executable. Exit codes: 0 success, 1 the job failed or was canceled,
/// 2 bad usage or rejected input, 3 the server or a dependency could not be reached.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Reelay: self-hosted video generation API platform (native API + provider dialects, local ffmpeg engine).");
        root.Options.Add(CliOptions.DataDir);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(UsageCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(UpstreamsCommand.Create());
        root.Subcommands.Add(EmulateCommand.Create());
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InvalidConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("error: invalid configuration: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("error: invalid configuration: " + string.Join(" ", ex.Failures));
            return ExitCodes.Usage;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is Microsoft.Extensions.Options.OptionsValidationException))
        {
            // Start-up validation of several options classes failed at once (one bad Reelay setting can fail two).
            var failures = ex.InnerExceptions.Cast<Microsoft.Extensions.Options.OptionsValidationException>().SelectMany(e => e.Failures).Distinct();
            await Console.Error.WriteLineAsync("error: invalid configuration: " + string.Join(" ", failures));
            return ExitCodes.Usage;
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return ex.ExitCode;
        }
    }
}
