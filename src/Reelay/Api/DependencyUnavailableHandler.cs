using System.Net.Sockets;
using Amazon.Runtime;
using IExceptionHandler = Microsoft.AspNetCore.Diagnostics.IExceptionHandler;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reelay.Api;

/// <summary>
/// Turns an exception that means "a dependency is unavailable right now" (the database locked, restarting or
/// unreachable; the S3 store unreachable) into 503 problem+json with <c>Retry-After</c> instead of a 500: the request
/// was fine and the client should simply retry, and /readyz names the dependency meanwhile. Any other exception is
/// left to the default handler (500).
/// </summary>
public sealed partial class DependencyUnavailableHandler(ILogger<DependencyUnavailableHandler> log) : IExceptionHandler
{
    /// <summary>What clients are told to wait: long enough for a database restart or a lock to pass, short enough to keep latency low.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Dependency(exception) is not { } dependency || httpContext.Response.HasStarted) return false;
        LogUnavailable(log, dependency, httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        var message = $"The {dependency} is unavailable right now; nothing was changed by this request unless its effect is visible later. Retry after the Retry-After delay.";
        // In the shape of the dialect whose endpoint failed (its UnavailableAnswer), else native problem+json.
        // The middleware clears the endpoint before handlers run; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var answer = (endpoint?.Metadata.GetMetadata<UnavailableAnswer>() is { } dialect
                ? dialect.Make(message)
                : Problems.Make(StatusCodes.Status503ServiceUnavailable, "dependency_unavailable", "Service unavailable", message))
            .WithRetryAfter(RetryAfter);
        await answer.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>"job store" or "blob store" when <paramref name="exception"/> (or one it wraps) says that dependency is unavailable; else null.</summary>
    public static string? Dependency(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // BUSY, LOCKED, CANTOPEN, IOERR, FULL (of the database file's disk): the file, not the request, is at fault.
                case SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 }:
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                case NpgsqlException { IsTransient: true }:
                    return "job store";
                case AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError }:
                case AmazonClientException when e.InnerException is HttpRequestException or SocketException or IOException:
                    return "blob store";
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: the {Dependency} is unavailable ({Path}, {Exception})")]
    private static partial void LogUnavailable(ILogger logger, string dependency, string path, string exception);
}
