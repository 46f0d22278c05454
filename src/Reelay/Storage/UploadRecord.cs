namespace Reelay.Storage;

/// <summary>
/// An image upload announced by a key (Leonardo <c>POST /init-image</c>). <see cref="BlobRef"/> is set once the
/// bytes arrived and passed the image checks; until then the id is not usable as an input image.
/// </summary>
/// <param name="ExpiresAt">The upload form is accepted until then; a stored image stays usable afterwards.</param>
public sealed record UploadRecord(
    string Id,
    Guid OwnerKeyId,
    string Extension,
    string? BlobRef,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt);
