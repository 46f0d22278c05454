using Microsoft.Extensions.DependencyInjection;
using Reelay.Hosting;

namespace Reelay.Cli;

/// <summary>The embedded host the store-level commands (keys, usage, doctor) work through: migrated, not started.</summary>
public static class CliHost
{
    public static async Task<IHost> OpenAsync(System.CommandLine.ParseResult parse, CancellationToken ct)
    {
        var host = ReelayHost.BuildEmbedded(parse.GetValue(CliOptions.DataDir), []);
        ReelayHost.ValidateOptions(host.Services);
        await host.Services.GetRequiredService<Storage.IJobStore>().MigrateAsync(ct);
        return host;
    }
}
