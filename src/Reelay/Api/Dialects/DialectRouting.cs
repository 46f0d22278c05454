namespace Reelay.Api.Dialects;

/// <summary>Mounts every registered dialect at the root and under <c>/compat/&lt;name&gt;</c>.</summary>
public static class DialectRouting
{
    public static IEndpointRouteBuilder MapDialects(this IEndpointRouteBuilder app, IEnumerable<IDialect> dialects)
    {
        foreach (var dialect in dialects)
        {
            dialect.MapRoutes(app);
            dialect.MapRoutes(app.MapGroup($"/compat/{dialect.Name}"));
        }
        return app;
    }
}
