using Reelay.Hosting;
using Reelay.Client;
using Reelay.Jobs;

namespace Reelay.Cli;

/// <summary>The SDK client the CLI uses in server mode, and the translation of its own request type.</summary>
public static class RemoteClient
{
    public static VideosClient Create(string serverUrl, string? token)
    {
        if (!Uri.TryCreate(serverUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new CliException($"--server must be an absolute http(s) URL (was '{serverUrl}')");
        if (string.IsNullOrEmpty(token))
            throw new CliException("--key (or $REELAY_API_KEY) is required with --server");
        return new VideosClient(new VideosClientOptions { Endpoint = endpoint, ApiKey = token });
    }

    public static CreateVideoRequest ToCreateRequest(VideoRequest r) => new()
    {
        Model = r.Model,
        Prompt = r.Prompt,
        NegativePrompt = r.NegativePrompt,
        CfgScale = r.CfgScale,
        Duration = r.DurationSeconds,
        AspectRatio = r.AspectRatio,
        Mode = r.Mode == VideoMode.Pro ? "pro" : "std",
        StartImage = r.StartImage,
        EndImage = r.EndImage,
        Seed = r.Seed,
    };

    public static string Describe(ReelayApiException ex) => ex.Message;
}
