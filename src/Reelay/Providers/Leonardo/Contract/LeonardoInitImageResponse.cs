using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>Answer of <c>POST /init-image</c>.</summary>
public sealed record LeonardoInitImageResponse(
    [property: JsonPropertyName("uploadInitImage")] LeonardoUploadInitImage UploadInitImage);
