using System.CommandLine;

namespace Reelay.Cli;

/// <summary>Options several commands share.</summary>
public static class CliOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (SQLite database, results, master key). Default: $REELAY__DATADIR or ./data",
        Recursive = true,
    };

    public static Option<string?> Server() => new("--server")
    {
        Description = "Talk to a Reelay server at this URL instead of working embedded in the data directory ($REELAY_SERVER)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REELAY_SERVER"),
    };

    public static Option<string?> Key() => new("--key")
    {
        Description = "API token for --server ($REELAY_API_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REELAY_API_KEY"),
    };

    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON" };
}
