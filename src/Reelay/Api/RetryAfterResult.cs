using System.Globalization;

namespace Reelay.Api;

/// <summary>Adds <c>Retry-After</c> (whole seconds, at least 1) to any dialect's refusal, so every shape carries it the same way.</summary>
public static class RetryAfterResult
{
    public static IResult WithRetryAfter(this IResult inner, TimeSpan wait) => new Result(inner, wait);

    /// <summary>The header value: seconds rounded up, never 0 (a client told "0" would retry in a tight loop).</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private sealed class Result(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Seconds(wait);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
