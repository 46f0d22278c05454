namespace Reelay.Api.Dialects;

/// <summary>
/// A provider API Reelay speaks inbound. Its routes are mapped twice: at the server root (provider paths do not
/// collide, and literal segments such as <c>/v1/videos/text2video</c> win over the native <c>/v1/videos/{id}</c>)
/// and under <c>/compat/&lt;Name&gt;/</c> for operators who prefer a prefix.
/// </summary>
public interface IDialect
{
    /// <summary>Lower-case provider name; also the job's <c>Dialect</c> and the compat prefix.</summary>
    string Name { get; }

    /// <summary>Maps every route of the provider onto <paramref name="routes"/> (a root or a prefixed group).</summary>
    void MapRoutes(IEndpointRouteBuilder routes);
}
