using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Reelay.Credits;

/// <summary>Stops start-up on an unusable <c>Reelay:Pricing</c> setting (a missing or malformed table, an override that is not a number), naming the key.</summary>
public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        if (options.PricesPath is { Length: > 0 } path && !File.Exists(path))
            return ValidateOptionsResult.Fail($"{PricingOptions.Section}:PricesPath names no file (was '{path}').");
        try
        {
            PriceTable.Load(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or JsonException)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
