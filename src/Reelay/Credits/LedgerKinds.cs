namespace Reelay.Credits;

/// <summary>The names ledger kinds are stored and reported under.</summary>
public static class LedgerKinds
{
    public static string ToStoreName(this LedgerKind kind) => kind switch
    {
        LedgerKind.Reserve => "reserve",
        LedgerKind.Settle => "settle",
        LedgerKind.Refund => "refund",
        LedgerKind.TopUp => "topup",
        LedgerKind.Open => "open",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
