namespace Reelay.Accounts;

/// <summary>
/// What one API key may do. Every limit is optional: null means "no limit". Stored on the key's row; the
/// request rate is enforced per node (<see cref="KeyRateLimiter"/>), concurrency and allowed models by the
/// store atomically with the job insert, so they hold across nodes.
/// </summary>
/// <param name="RequestsPerMinute">Authenticated requests per minute on one node; null = unlimited.</param>
/// <param name="MaxConcurrentJobs">Unfinished (queued or running) jobs the key may hold; null = unlimited.</param>
/// <param name="AllowedModels">Canonical model ids the key may create jobs for (case-insensitive); null = all.</param>
public sealed record KeyLimits(int? RequestsPerMinute = null, int? MaxConcurrentJobs = null, IReadOnlyList<string>? AllowedModels = null)
{
    public static readonly KeyLimits None = new();

    /// <summary>Advised wait after a refusal for concurrency: a slot frees when some job ends, which takes seconds.</summary>
    public static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(5);

    public bool IsUnlimited => RequestsPerMinute is null && MaxConcurrentJobs is null && AllowedModels is null;

    public bool AllowsModel(string model) =>
        AllowedModels is null || AllowedModels.Any(m => string.Equals(m, model, StringComparison.OrdinalIgnoreCase));

    /// <summary>Value equality including the model list (records compare lists by reference).</summary>
    public bool Equals(KeyLimits? other) =>
        other is not null && RequestsPerMinute == other.RequestsPerMinute && MaxConcurrentJobs == other.MaxConcurrentJobs
        && (AllowedModels is null ? other.AllowedModels is null : other.AllowedModels is not null && AllowedModels.SequenceEqual(other.AllowedModels));

    public override int GetHashCode() => HashCode.Combine(RequestsPerMinute, MaxConcurrentJobs, AllowedModels?.Count);
}
