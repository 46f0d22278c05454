namespace Reelay.Credits;

/// <summary>Ledger entries with <paramref name="From"/> ≤ at &lt; <paramref name="To"/>, of one key (or all keys when null).</summary>
public sealed record UsageQuery(DateTimeOffset From, DateTimeOffset To, UsageGrouping GroupBy, string? KeyId);
