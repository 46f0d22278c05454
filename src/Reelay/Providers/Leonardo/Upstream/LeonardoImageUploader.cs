using System.Text.Json;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// Leonardo's init-image flow for one stored image: <c>POST /init-image {extension}</c> gives a presigned form, the
/// image is streamed from the blob store into a multipart POST of that form (no bearer token), and the form's id is
/// then an <c>UPLOADED</c> image id. The form URL is where the upstream says (S3 for Leonardo itself); what is sent
/// there is the job's own input image only, and a form on another host than the upstream's passes the SSRF guard.
/// </summary>
internal sealed class LeonardoImageUploader(LeonardoApiClient api, IBlobStore blobs, string upstream)
{
    public async Task<(string? ImageId, EngineOutcome? Failure)> UploadAsync(LeonardoImageUpload image, CancellationToken ct)
    {
        var info = await blobs.StatAsync(image.BlobKey, ct).ConfigureAwait(false);
        await using var stream = info is null ? null : await blobs.OpenReadAsync(image.BlobKey, ct).ConfigureAwait(false);
        if (stream is null) return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"{image.Role} image '{image.BlobKey}' is no longer stored"));

        var announced = await api.CreateInitImageAsync(image.Extension, ct).ConfigureAwait(false);
        if (announced.InitImage is not { } form) return (null, LeonardoFailures.Classify(announced, upstream));
        if (!Uri.TryCreate(form.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return (null, Unexpected("gave an upload form URL that is not absolute http(s)"));
        Dictionary<string, string>? fields;
        try { fields = JsonSerializer.Deserialize(form.Fields, LeonardoJsonContext.Default.DictionaryStringString); }
        catch (JsonException) { fields = null; }
        if (fields is null) return (null, Unexpected("gave upload form fields that are not a JSON object of strings"));

        var uploaded = await api.UploadAsync(url, fields, stream, $"{image.Role}.{image.Extension}", info!.ContentType, ct).ConfigureAwait(false);
        return uploaded.Uploaded ? (form.Id, null) : (null, LeonardoFailures.ClassifyUpload(uploaded, upstream));
    }

    private EngineOutcome Unexpected(string what) =>
        EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, $"Leonardo upstream '{upstream}' {what} (unexpected schema)", retryable: true);
}
