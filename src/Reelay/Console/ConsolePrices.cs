using System.Globalization;
using Reelay.Credits;
using Reelay.Jobs;

namespace Reelay.WebConsole;

/// <summary>
/// The price of every choice the create form offers (model → mode → duration → credits), so its script can show the
/// price before submit. Computed with <see cref="PriceTable.PriceOf"/>, the same lookup that prices the job at creation.
/// </summary>
public static class ConsolePrices
{
    public static Dictionary<string, Dictionary<string, Dictionary<string, decimal>>> Of(ModelCatalog catalog, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(prices);
        var table = new Dictionary<string, Dictionary<string, Dictionary<string, decimal>>>(StringComparer.Ordinal);
        foreach (var model in catalog.Models)
        {
            var modes = table[model.Name] = new(StringComparer.Ordinal);
            foreach (var mode in model.Modes)
            {
                var durations = modes[mode] = new(StringComparer.Ordinal);
                foreach (var duration in model.Durations)
                    durations[duration.ToString(CultureInfo.InvariantCulture)] = prices.PriceOf(Request(model.Name, mode, duration));
            }
        }
        return table;
    }

    public static VideoRequest Request(string model, string? mode, int duration) => new()
    {
        Model = model,
        Mode = string.Equals(mode, "pro", StringComparison.Ordinal) ? VideoMode.Pro : VideoMode.Std,
        DurationSeconds = duration,
    };

    /// <summary>"1.5 credits", "1 credit", "free".</summary>
    public static string Label(decimal credits) => credits switch
    {
        0m => "free",
        1m => "1 credit",
        _ => UsageCsv.Credits(credits) + " credits",
    };
}
