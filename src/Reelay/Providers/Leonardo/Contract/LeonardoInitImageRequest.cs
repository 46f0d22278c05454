using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>Body of <c>POST /init-image</c>: the file extension of the image about to be uploaded (png, jpg, jpeg, webp).</summary>
public sealed record LeonardoInitImageRequest(
    [property: JsonPropertyName("extension")] string Extension);
