namespace Reelay.Accounts;

/// <summary>
/// A change to a key's name and limits where every part is optional: a part not set leaves the key's value as it
/// is; a set part replaces it (null clears a limit, i.e. makes it unlimited). Shared by the admin API's PATCH and
/// <c>reelay keys limits</c>, so both change keys the same way.
/// </summary>
public sealed record KeySettingsPatch
{
    public string? Name { get; init; }
    public bool SetsRequestsPerMinute { get; init; }
    public int? RequestsPerMinute { get; init; }
    public bool SetsMaxConcurrentJobs { get; init; }
    public int? MaxConcurrentJobs { get; init; }
    public bool SetsAllowedModels { get; init; }
    public IReadOnlyList<string>? AllowedModels { get; init; }

    /// <summary>The key's name and limits after the patch.</summary>
    public (string Name, KeyLimits Limits) ApplyTo(string name, KeyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var patched = new KeyLimits(
            SetsRequestsPerMinute ? RequestsPerMinute : limits.RequestsPerMinute,
            SetsMaxConcurrentJobs ? MaxConcurrentJobs : limits.MaxConcurrentJobs,
            SetsAllowedModels ? AllowedModels : limits.AllowedModels);
        return (Name ?? name, patched.IsUnlimited ? KeyLimits.None : patched);
    }

    /// <summary>The admin API's JSON body for this patch (snake_case; only the parts that are set).</summary>
    public Dictionary<string, object?> ToJsonBody()
    {
        var body = new Dictionary<string, object?>();
        if (Name is not null) body["name"] = Name;
        if (SetsRequestsPerMinute) body["requests_per_minute"] = RequestsPerMinute;
        if (SetsMaxConcurrentJobs) body["max_concurrent_jobs"] = MaxConcurrentJobs;
        if (SetsAllowedModels) body["allowed_models"] = AllowedModels;
        return body;
    }
}
