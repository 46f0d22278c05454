using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// One inbound dialect of the matrix: creates a job with that dialect's own wire format and credentials and reads
/// its state back through the same dialect. One instance per server (it holds the dialect's authenticated client).
/// </summary>
internal abstract class MatrixDialect(ReelayTestServer server) : IDisposable
{
    protected ReelayTestServer Server { get; } = server;

    public abstract string Name { get; }

    /// <summary>Catalog models this dialect can ask for, in the order the matrix prefers them.</summary>
    public abstract IReadOnlyList<string> Models { get; }

    /// <summary>The dialect's own word for a finished job with a video.</summary>
    public abstract string Completed { get; }

    /// <summary>The dialect's statuses of a job that succeeds, in order; a poller may miss some, never see them reversed.</summary>
    public abstract IReadOnlyList<string> Lifecycle { get; }

    /// <summary>
    /// Text the dialect's final webhook for a job that succeeded carries, or null when the dialect has no per-request
    /// webhook (HyprLab). Leonardo's callback is set on the key, not the request.
    /// </summary>
    public abstract string? WebhookCompleted { get; }

    /// <summary>
    /// Creates a job for <paramref name="model"/>, asking for the dialect's webhook to <paramref name="webhook"/>; returns
    /// the id the dialect answers with. Dialects that take a start image use <paramref name="png"/> inline or the same
    /// image at <paramref name="imageUrl"/>, whichever way their clients usually send it.
    /// </summary>
    public abstract Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook);

    /// <summary>One status read through the dialect.</summary>
    public abstract Task<DialectPoll> PollAsync(string id);

    public abstract void Dispose();

    public static MatrixDialect For(string name, ReelayTestServer server) => name switch
    {
        "native" => new NativeMatrixDialect(server),
        "kling" => new KlingMatrixDialect(server),
        "higgsfield" => new HiggsfieldMatrixDialect(server),
        "highway" => new HighwayMatrixDialect(server),
        "hyprlab" => new HyprLabMatrixDialect(server),
        "leonardo" => new LeonardoMatrixDialect(server),
        "apiframe" => new ApiFrameMatrixDialect(server),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such dialect"),
    };

    /// <summary>POSTs <paramref name="body"/> and returns the parsed answer, failing with the answer when it is not a success.</summary>
    protected static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsync(path, Json.Body(body));
        var json = await Json.ReadAsync(response);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    protected static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var json = await Json.ReadAsync(response);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {json}");
        return json;
    }
}
