using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>
/// A presigned upload: POST multipart/form-data with every entry of <c>fields</c> (a JSON object serialized as a
/// string, as S3 presigned posts are) plus <c>file</c> to <c>url</c>; then <c>id</c> is an <c>UPLOADED</c> image id.
/// </summary>
public sealed record LeonardoUploadInitImage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("fields")] string Fields,
    [property: JsonPropertyName("key")] string Key);
