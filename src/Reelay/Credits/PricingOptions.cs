namespace Reelay.Credits;

/// <summary>
/// Section <c>Reelay:Pricing</c>. <c>PricesPath</c> replaces the shipped prices.json; entries under
/// <c>Reelay:Pricing:Prices:&lt;model&gt;:&lt;mode&gt;[@resolution]:&lt;duration|perSecond&gt;</c> override single prices
/// (e.g. <c>REELAY__PRICING__PRICES__KLING-V2-6__PRO__10=4</c>).
/// </summary>
public sealed class PricingOptions
{
    public const string Section = "Reelay:Pricing";

    /// <summary>Path of a price table JSON replacing the shipped prices.json.</summary>
    public string? PricesPath { get; set; }
}
