namespace Reelay.Credits;

/// <summary>One append-only ledger row: <paramref name="Amount"/> (credits) is the signed change of the key's balance.</summary>
/// <param name="KeyId">The owning API key id ("D" format), as stored on jobs.</param>
/// <param name="JobId">The job it belongs to; null for top-ups and openings.</param>
/// <param name="Model">The job's model, kept for usage reports; null for top-ups and openings.</param>
public sealed record LedgerEntry(string KeyId, LedgerKind Kind, decimal Amount, string? JobId, string? Model, DateTimeOffset At);
