using System.Text.Json;

namespace Reelay.Tests.Providers.Kling.Upstream;

/// <summary>One request the fake Kling server received, with the bearer token it carried.</summary>
public sealed record FakeKlingRequest(string Method, string Path, string Token, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string LastSegment => Path[(Path.LastIndexOf('/') + 1)..];
}
