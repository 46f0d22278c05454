using Reelay.Hosting;
using System.CommandLine;
using System.Globalization;
using Reelay.Accounts;

namespace Reelay.Cli;

/// <summary>
/// The limit options of <c>reelay keys create</c> and <c>reelay keys limits</c>: <c>--rpm</c>, <c>--max-concurrent</c>
/// (a positive number, or <c>none</c>) and <c>--allowed-models</c> (comma-separated ids, or <c>all</c>).
/// </summary>
internal sealed class KeyLimitOptions
{
    public Option<string?> RequestsPerMinute { get; } = new("--rpm") { Description = "Requests per minute (per node), or 'none'" };
    public Option<string?> MaxConcurrent { get; } = new("--max-concurrent") { Description = "Unfinished jobs at once, or 'none'" };
    public Option<string?> AllowedModels { get; } = new("--allowed-models") { Description = "Comma-separated model ids the key may use, or 'all'" };

    public void AddTo(Command command)
    {
        command.Options.Add(RequestsPerMinute);
        command.Options.Add(MaxConcurrent);
        command.Options.Add(AllowedModels);
    }

    /// <summary>The options given on the command line as a patch (options left out are not part of it).</summary>
    public KeySettingsPatch ToPatch(ParseResult parse, string? name = null)
    {
        var patch = new KeySettingsPatch { Name = name };
        if (parse.GetValue(RequestsPerMinute) is { } rpm)
            patch = patch with { SetsRequestsPerMinute = true, RequestsPerMinute = Limit(rpm, "--rpm") };
        if (parse.GetValue(MaxConcurrent) is { } max)
            patch = patch with { SetsMaxConcurrentJobs = true, MaxConcurrentJobs = Limit(max, "--max-concurrent") };
        if (parse.GetValue(AllowedModels) is { } models)
            patch = patch with { SetsAllowedModels = true, AllowedModels = Models(models) };
        return patch;
    }

    private static int? Limit(string value, string option)
    {
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new CliException($"{option} must be a positive number or 'none' (was '{value}')");
    }

    private static string[]? Models(string value)
    {
        if (value.Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        var models = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return models.Length > 0 ? models : throw new CliException("--allowed-models needs at least one model id, or 'all'");
    }
}
