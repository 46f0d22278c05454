using System.Globalization;
using Reelay.Jobs;

namespace Reelay.Credits;

/// <summary>
/// Reads a usage request's text parameters (API query or CLI options) into a <see cref="UsageQuery"/>. <c>from</c> and
/// <c>to</c> are ISO-8601 dates or times (UTC unless an offset is given; a bare date <c>to</c> includes that whole day);
/// defaults: the last 30 days up to now. <c>group_by</c> is day, model or key (default day).
/// </summary>
public static class UsageRequest
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public static UsageQuery? Read(string? from, string? to, string? groupBy, string? keyId, DateTimeOffset now, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var grouping = UsageGrouping.Day;
        switch (groupBy?.ToLowerInvariant())
        {
            case null or "" or "day": break;
            case "model": grouping = UsageGrouping.Model; break;
            case "key": grouping = UsageGrouping.Key; break;
            default: errors.Add("group_by", "must be one of day, model, key"); break;
        }
        var end = Time(to, "to", errors, endOfDay: true) ?? now.AddMilliseconds(1);
        var start = Time(from, "from", errors, endOfDay: false) ?? end - DefaultPeriod;
        if (errors.IsEmpty && start >= end) errors.Add("from", "must be before 'to'");
        return errors.IsEmpty ? new UsageQuery(start, end, grouping, keyId) : null;
    }

    private static DateTimeOffset? Time(string? text, string field, FieldErrors errors, bool endOfDay)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        errors.Add(field, "must be an ISO-8601 date (2025-03-01) or time (2025-03-01T12:00:00Z)");
        return null;
    }
}
