namespace Reelay.Api.Dialects;

/// <summary>Mounts every registered dialect under each of its <see cref="IDialect.Mounts"/> (by default the root and <c>/compat/&lt;name&gt;</c>).</summary>
public static class DialectRouting
{
    public static IEndpointRouteBuilder MapDialects(this IEndpointRouteBuilder app, IEnumerable<IDialect> dialects)
    {
        foreach (var dialect in dialects)
        {
            foreach (var mount in dialect.Mounts)
            {
                if (mount.Length == 0) dialect.MapRoutes(app);
                else dialect.MapRoutes(app.MapGroup(mount));
            }
        }
        return app;
    }
}
