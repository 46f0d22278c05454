namespace Reelay.Credits;

/// <summary>A key's credit account. Unlimited keys are never refused; their balance runs negative with their spending.</summary>
/// <param name="Limited">Whether creates are refused when <paramref name="Balance"/> does not cover the price (set by the first top-up).</param>
/// <param name="Balance">Credits left; always the sum of the key's ledger entries.</param>
public sealed record CreditBalance(string KeyId, bool Limited, decimal Balance);
