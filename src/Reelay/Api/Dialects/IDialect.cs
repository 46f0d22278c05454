namespace Reelay.Api.Dialects;

/// <summary>
/// A provider API Reelay speaks inbound. By default its routes are mapped twice: at the server root (provider paths do
/// not collide, and literal segments such as <c>/v1/videos/text2video</c> win over the native <c>/v1/videos/{id}</c>)
/// and under <c>/compat/&lt;Name&gt;/</c> for operators who prefer a prefix. A dialect whose paths would collide with
/// the native API's (an OpenAI-style <c>/v1/videos</c>) chooses its own <see cref="Mounts"/>.
/// </summary>
public interface IDialect
{
    /// <summary>Lower-case provider name; also the job's <c>Dialect</c> and the compat prefix.</summary>
    string Name { get; }

    /// <summary>Path prefixes the routes are mapped under; <c>""</c> is the server root.</summary>
    IReadOnlyList<string> Mounts => ["", $"/compat/{Name}"];

    /// <summary>Maps every route of the provider onto <paramref name="routes"/> (a root or a prefixed group).</summary>
    void MapRoutes(IEndpointRouteBuilder routes);
}
