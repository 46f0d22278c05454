using Reelay.Hosting;

namespace Reelay.Upstreams;

/// <summary>
/// Reads and checks <c>Reelay:Upstreams</c>; every problem names the setting as written in configuration. An upstream
/// that lists no Models serves what its protocol's adapter can serve (<see cref="IUpstreamEngineFactory.DefaultModels"/>);
/// one that lists a model its adapter cannot serve is refused at start rather than failing those jobs later.
/// </summary>
public static class UpstreamConfiguration
{
    public const string Section = "Reelay:Upstreams";

    public static IReadOnlyList<UpstreamDefinition> Read(IConfiguration configuration, IReadOnlyDictionary<string, IUpstreamEngineFactory> factories)
    {
        var knownTypes = factories.Keys.ToList();
        List<UpstreamDefinition> list;
        try
        {
            list = configuration.GetSection(Section).Get<List<UpstreamDefinition>>() ?? [];
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidConfigurationException(ex.Message, ex);
        }
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var u = list[i];
            var at = $"{Section}:{i}";
            if (string.IsNullOrWhiteSpace(u.Name) || u.Name is "local" or "noop") errors.Add($"{at}:Name must be set and not 'local' or 'noop' (was '{u.Name}').");
            else if (!names.Add(u.Name)) errors.Add($"{at}:Name '{u.Name}' is used twice.");
            if (!knownTypes.Contains(u.Type)) errors.Add($"{at}:Type must be one of {string.Join(", ", knownTypes)} (was '{u.Type}').");
            if (!Uri.TryCreate(u.BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https")) errors.Add($"{at}:BaseUrl must be an absolute http(s) URL (was '{u.BaseUrl}').");
            if (string.IsNullOrEmpty(u.ResolveAccessKey())) errors.Add($"{at}:AccessKey (or the variable named by AccessKeyEnv) must be set.");
            if (factories.TryGetValue(u.Type, out var factory) && factory.NeedsSecretKey && string.IsNullOrEmpty(u.ResolveSecretKey())) errors.Add($"{at}:SecretKey (or the variable named by SecretKeyEnv) must be set.");
            // A listed model the adapter cannot map would be routed here and fail every such job: refuse it at start.
            if (factory?.ServableModels is { } servable && u.Models.Where(m => !servable.Contains(m, StringComparer.OrdinalIgnoreCase)).ToList() is { Count: > 0 } unservable)
                errors.Add($"{at}:Models lists {string.Join(", ", unservable.Select(m => $"'{m}'"))}, which a '{u.Type}' upstream cannot serve (it serves {string.Join(", ", servable)}).");
            if (u.Models.Count == 0 && factory?.DefaultModels is { } served) u.Models = [.. served];
            if (u.MaxConcurrentJobs < 1) errors.Add($"{at}:MaxConcurrentJobs must be at least 1 (was {u.MaxConcurrentJobs}).");
            if (u.FailureRatio is <= 0 or > 1) errors.Add($"{at}:FailureRatio must be in (0, 1] (was {u.FailureRatio}).");
            if (u.MaxStatusCallsPerSecond <= 0 || double.IsNaN(u.MaxStatusCallsPerSecond)) errors.Add($"{at}:MaxStatusCallsPerSecond must be positive (was {u.MaxStatusCallsPerSecond}).");
            if (u.FirstPollAfter < TimeSpan.Zero || u.MaxPollInterval <= TimeSpan.Zero) errors.Add($"{at}:FirstPollAfter and MaxPollInterval must be positive.");
            if (u.SweepInterval < TimeSpan.Zero || u.SweepMaxPages < 1 || u.SweepLookback < TimeSpan.Zero) errors.Add($"{at}:SweepInterval and SweepLookback must not be negative and SweepMaxPages must be at least 1.");
            if (u.TypicalMinGeneration <= TimeSpan.Zero || u.TypicalMaxGeneration < u.TypicalMinGeneration)
                errors.Add($"{at}:TypicalMinGeneration must be positive and not above TypicalMaxGeneration.");
            if (u.ConnectFailuresToOpen < 1) errors.Add($"{at}:ConnectFailuresToOpen must be at least 1 (was {u.ConnectFailuresToOpen}).");
            if (u.UnconfirmedSubmitWait < TimeSpan.Zero) errors.Add($"{at}:UnconfirmedSubmitWait must not be negative (was {u.UnconfirmedSubmitWait}).");
            if (u.BreakDuration < TimeSpan.FromMilliseconds(500)) errors.Add($"{at}:BreakDuration must be at least 00:00:00.5 (was {u.BreakDuration}).");
        }
        if (errors.Count > 0) throw new InvalidConfigurationException(string.Join(" ", errors));
        return list;
    }
}
