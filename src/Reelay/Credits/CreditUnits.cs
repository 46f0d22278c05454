namespace Reelay.Credits;

/// <summary>
/// Credits are stored as whole micro-credits (1 credit = 1,000,000 units) so that sums in SQL are exact on every
/// backend: a balance compared with its ledger sum must match to the last unit, which floating point cannot promise.
/// </summary>
public static class CreditUnits
{
    public const long PerCredit = 1_000_000;

    /// <summary>Units of <paramref name="credits"/>; more than six decimals are rounded away from zero (prices are validated to six).</summary>
    public static long From(decimal credits) => (long)decimal.Round(credits * PerCredit, 0, MidpointRounding.AwayFromZero);

    public static decimal ToCredits(long units) => units / (decimal)PerCredit;

    /// <summary>True when <paramref name="credits"/> has at most six decimals (it converts to units exactly).</summary>
    public static bool IsExact(decimal credits) => decimal.Round(credits, 6) == credits;
}
