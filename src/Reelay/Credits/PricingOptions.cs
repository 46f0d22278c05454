namespace Reelay.Credits;

/// <summary>
/// Section <c>Reelay:Pricing</c>. <c>PricesPath</c> replaces the shipped prices.json; entries under
/// <c>Reelay:Pricing:Prices:&lt;model&gt;:&lt;mode&gt;[@resolution]:&lt;duration|perSecond&gt;</c> override single prices
/// (e.g. <c>REELAY__PRICING__PRICES__KLING-V2-6__PRO__10=4</c>). Checked by <see cref="PricingOptionsValidator"/>.
/// </summary>
public sealed class PricingOptions
{
    public const string Section = "Reelay:Pricing";

    /// <summary>Path of a price table JSON replacing the shipped prices.json.</summary>
    public string? PricesPath { get; set; }

    /// <summary>
    /// Single-price overrides as configured: model → mode[@resolution] → duration (or <c>perSecond</c>) → credits. Kept as
    /// text so a value that is not a number stops start-up naming its key, instead of failing inside the binder.
    /// </summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string>>> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
