using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>An image named on the wire as <c>{"id","type"}</c> (the <c>endFrameImage</c> member); type is UPLOADED or GENERATED.</summary>
public sealed record LeonardoImageReference(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type);
