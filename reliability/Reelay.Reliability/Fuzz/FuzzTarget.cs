using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Reelay.Reliability.Fuzz;

/// <summary>One routed endpoint as the fuzzer sees it: method, route pattern, dialect and route parameter names.</summary>
/// <param name="SeedKey">The pattern without a <c>/compat/{name}</c> prefix, keyed with the method (e.g. "POST /v1/videos").</param>
public sealed record FuzzTarget(string Method, string Pattern, FuzzDialect Dialect, IReadOnlyList<string> Parameters, string SeedKey)
{
    /// <summary>Every routed endpoint of the running app (each HTTP method of an endpoint is its own target).</summary>
    public static IReadOnlyList<FuzzTarget> Discover(EndpointDataSource endpoints)
    {
        var targets = new List<FuzzTarget>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
            var tags = endpoint.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var dialect = DialectOf(tags, pattern);
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var bare = StripCompat(pattern);
            foreach (var method in methods) targets.Add(new FuzzTarget(method, pattern, dialect, parameters, $"{method} {bare}"));
        }
        return targets;
    }

    private static FuzzDialect DialectOf(HashSet<string> tags, string pattern)
    {
        if (tags.Contains("Kling")) return FuzzDialect.Kling;
        if (tags.Contains("Higgsfield")) return FuzzDialect.Higgsfield;
        if (tags.Contains("Highway")) return FuzzDialect.Highway;
        if (tags.Contains("HyprLab")) return FuzzDialect.HyprLab;
        if (tags.Contains("Leonardo")) return FuzzDialect.Leonardo;
        if (tags.Contains("APIFrame")) return FuzzDialect.ApiFrame;
        var bare = StripCompat(pattern);
        // The OpenAPI document route is ASP.NET's own documentation endpoint, not part of any API's wire contract.
        return bare.StartsWith("/v1/", StringComparison.Ordinal) || bare is "/healthz" or "/readyz"
            ? FuzzDialect.Native
            : FuzzDialect.Other;
    }

    private static string StripCompat(string pattern)
    {
        if (!pattern.StartsWith("/compat/", StringComparison.Ordinal)) return pattern;
        var next = pattern.IndexOf('/', "/compat/".Length);
        return next < 0 ? "/" : pattern[next..];
    }
}
