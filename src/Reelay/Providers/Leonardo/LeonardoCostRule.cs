using System.Globalization;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Reelay's deterministic stand-in for Leonardo's pricing: credits = duration in seconds × a per-second rate by
/// resolution (480p: 4, 720p: 8, 1080p: 16). The same number is reported as <c>apiCreditCost</c> and <c>cost.amount</c>.
/// </summary>
public static class LeonardoCostRule
{
    public static int Credits(int durationSeconds, int shortSide) =>
        durationSeconds * (shortSide >= 1080 ? 16 : shortSide >= 720 ? 8 : 4);

    public static string Amount(int credits) => credits.ToString(CultureInfo.InvariantCulture);
}
