using System.Globalization;
using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.WebConsole;

/// <summary>The gallery's query string as a <see cref="JobQuery"/>, or a message naming the filter that is not valid.</summary>
public sealed record GalleryQuery(JobQuery? Query, string? Error)
{
    public static GalleryQuery Parse(ApiKey caller, string? q, string? status, string? model, string? dialect, string? from, string? to, string? before, int limit)
    {
        JobStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!JobStatusExtensions.TryParseNative(status, out var s)) return new(null, $"Unknown status '{status}'.");
            parsedStatus = s;
        }
        DateTimeOffset? fromAt = null, toAt = null;
        if (!string.IsNullOrEmpty(from))
        {
            if (!TryDay(from, out var d)) return new(null, "The 'created from' date is not a date (yyyy-mm-dd).");
            fromAt = d;
        }
        if (!string.IsNullOrEmpty(to))
        {
            // "Until" includes the whole day.
            if (!TryDay(to, out var d)) return new(null, "The 'created until' date is not a date (yyyy-mm-dd).");
            toAt = d.AddDays(1);
        }
        if (before is { Length: > 64 }) return new(null, "The page cursor is not valid.");
        var owner = caller.Role == ApiKeyRole.Admin ? null : caller.Id.ToString();
        var prompt = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 200)];
        return new(new JobQuery(owner, parsedStatus, NullIfEmpty(before), limit, NullIfEmpty(model), NullIfEmpty(dialect), fromAt, toAt, prompt), null);
    }

    private static bool TryDay(string text, out DateTimeOffset day)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        day = ok ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : default;
        return ok;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
