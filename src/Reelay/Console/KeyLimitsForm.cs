using System.Globalization;
using Reelay.Accounts;
using Reelay.Api.Admin;
using Reelay.Credits;

namespace Reelay.WebConsole;

/// <summary>
/// The admin keys page's text fields read as the admin API reads its JSON: limits are positive whole numbers and an
/// empty field means "no limit"; allowed models are a comma-separated list, empty for every model. The form always
/// sends every limit, so every limit is set (cleared when empty).
/// </summary>
public static class KeyLimitsForm
{
    public static KeySettingsPatch? Read(string? requestsPerMinute, string? maxConcurrentJobs, string? allowedModels, List<(string Field, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var rpm = Limit(requestsPerMinute, "requests_per_minute", errors);
        var concurrent = Limit(maxConcurrentJobs, "max_concurrent_jobs", errors);
        var models = (allowedModels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (models.Length > AdminKeyRequestReader.MaxAllowedModels)
            errors.Add(("allowed_models", $"must name at most {AdminKeyRequestReader.MaxAllowedModels} models"));
        if (errors.Count > 0) return null;
        return new KeySettingsPatch
        {
            SetsRequestsPerMinute = true,
            RequestsPerMinute = rpm,
            SetsMaxConcurrentJobs = true,
            MaxConcurrentJobs = concurrent,
            SetsAllowedModels = true,
            AllowedModels = models.Length == 0 ? null : models,
        };
    }

    /// <summary>A top-up amount: credits &gt; 0 with at most six decimals (what <c>POST /v1/admin/keys/{id}/credits</c> accepts).</summary>
    public static decimal? ReadAmount(string? amount, List<(string Field, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (decimal.TryParse(amount?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var credits) && credits > 0 && CreditUnits.IsExact(credits))
            return credits;
        errors.Add(("amount", "must be a number of credits > 0 with at most 6 decimals"));
        return null;
    }

    private static int? Limit(string? text, string field, List<(string Field, string Message)> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        errors.Add((field, "must be a positive whole number, or empty for no limit"));
        return null;
    }
}
