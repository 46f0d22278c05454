using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Reelay.Jobs;

namespace Reelay.Credits;

/// <summary>
/// Prices per model × mode (× resolution where the dialect has one) × duration, in credits. Lookup order for a request:
/// the model, then "*"; within each, "mode@resolution" then "mode"; within each, the exact duration, then "perSecond" ×
/// seconds. The first hit is the price; a request nothing matches is free. Loaded once at start; a malformed table is a start-up error.
/// </summary>
public sealed class PriceTable
{
    public const string AnyModel = "*";
    public const string PerSecond = "perSecond";

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // model → mode key → duration key → credits; all keys case-insensitive.
    private readonly FrozenDictionary<string, FrozenDictionary<string, FrozenDictionary<string, decimal>>> _prices;

    public PriceTable(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>> prices)
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        foreach (var (model, modes) in prices)
        {
            foreach (var (mode, durations) in modes)
            {
                foreach (var (duration, credits) in durations)
                {
                    if (credits < 0 || !CreditUnits.IsExact(credits))
                        throw new InvalidOperationException($"price {model}:{mode}:{duration} must be ≥ 0 with at most 6 decimals (was {credits})");
                    if (!comparer.Equals(duration, PerSecond) && !int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                        throw new InvalidOperationException($"price {model}:{mode}:{duration}: the last key must be a duration in seconds or '{PerSecond}'");
                }
            }
        }
        _prices = prices.ToFrozenDictionary(
            m => m.Key,
            m => m.Value.ToFrozenDictionary(x => x.Key, x => x.Value.ToFrozenDictionary(d => d.Key, d => d.Value, comparer), comparer),
            comparer);
    }

    /// <summary>The price of <paramref name="request"/> in credits.</summary>
    public decimal PriceOf(VideoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = request.Mode == VideoMode.Pro ? "pro" : "std";
        var resolution = request.Resolution;
        var duration = request.DurationSeconds.ToString(CultureInfo.InvariantCulture);
        // Most specific first; a model that overrides a single price still falls back to "*" for the others.
        foreach (var model in (ReadOnlySpan<string>)[request.Model, AnyModel])
        {
            if (!_prices.TryGetValue(model, out var modes)) continue;
            foreach (var key in (ReadOnlySpan<string?>)[resolution is null ? null : $"{mode}@{resolution}", mode])
            {
                if (key is null || !modes.TryGetValue(key, out var durations)) continue;
                if (durations.TryGetValue(duration, out var exact)) return exact;
                if (durations.TryGetValue(PerSecond, out var rate)) return rate * request.DurationSeconds;
            }
        }
        return 0m;
    }

    /// <summary>The table <paramref name="configuration"/>'s <c>Reelay:Pricing</c> section describes (see <see cref="Load(PricingOptions)"/>).</summary>
    public static PriceTable Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Load(configuration.GetSection(PricingOptions.Section).Get<PricingOptions>() ?? new PricingOptions());
    }

    /// <summary>The shipped (or <see cref="PricingOptions.PricesPath"/>) table with the configured overrides applied.</summary>
    /// <exception cref="InvalidOperationException">The table or an override is malformed; the message names it.</exception>
    public static PriceTable Load(PricingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.PricesPath is { Length: > 0 } p ? p : Path.Combine(AppContext.BaseDirectory, "prices.json");
        var prices = ReadFile(path);
        foreach (var (model, modes) in options.Prices)
        {
            foreach (var (mode, durations) in modes)
            {
                foreach (var (duration, value) in durations)
                {
                    if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var credits) || credits < 0)
                        throw new InvalidOperationException(
                            $"{PricingOptions.Section}:Prices:{model}:{mode}:{duration} must be a number of credits (was '{value}')");
                    Entry(prices, model, mode)[duration] = credits;
                }
            }
        }
        return new PriceTable(prices.ToDictionary(
            m => m.Key,
            m => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>)m.Value.ToDictionary(
                x => x.Key, x => (IReadOnlyDictionary<string, decimal>)x.Value, StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase));
    }

    private static Dictionary<string, decimal> Entry(Dictionary<string, Dictionary<string, Dictionary<string, decimal>>> prices, string model, string mode)
    {
        if (!prices.TryGetValue(model, out var modes)) prices[model] = modes = new(StringComparer.OrdinalIgnoreCase);
        if (!modes.TryGetValue(mode, out var durations)) modes[mode] = durations = new(StringComparer.OrdinalIgnoreCase);
        return durations;
    }

    private static Dictionary<string, Dictionary<string, Dictionary<string, decimal>>> ReadFile(string path)
    {
        var prices = new Dictionary<string, Dictionary<string, Dictionary<string, decimal>>>(StringComparer.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
        if (!doc.RootElement.TryGetProperty("prices", out var root) || root.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"price table '{path}' has no \"prices\" object");
        foreach (var model in root.EnumerateObject())
        {
            foreach (var mode in model.Value.EnumerateObject())
            {
                foreach (var duration in mode.Value.EnumerateObject())
                {
                    if (duration.Value.ValueKind != JsonValueKind.Number)
                        throw new InvalidOperationException($"price table '{path}': {model.Name}.{mode.Name}.{duration.Name} must be a number");
                    Entry(prices, model.Name, mode.Name)[duration.Name] = duration.Value.GetDecimal();
                }
            }
        }
        return prices;
    }
}
