using System.Globalization;
using Reelay.Jobs;

namespace Reelay.Credits;

/// <summary>The wording every dialect uses when a create is refused for want of credits (each in its own error shape).</summary>
public static class InsufficientCredits
{
    public static string Message(VideoJob refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var price = (refused.Credits ?? 0m).ToString("0.######", CultureInfo.InvariantCulture);
        return $"Insufficient credits: this video costs {price} credits and the key's balance does not cover it. Top up the key and retry.";
    }
}
