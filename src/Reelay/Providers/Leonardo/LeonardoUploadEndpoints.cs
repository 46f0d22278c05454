using System.Text.Json;
using Microsoft.Extensions.Options;
using Reelay.Api;
using Reelay.Api.Json;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Storage;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Leonardo's init-image flow hosted by Reelay: <c>POST /init-image</c> announces an upload and returns a form
/// (<c>url</c> + signed <c>fields</c>); the client POSTs multipart/form-data with every field plus <c>file</c> to that
/// URL within two minutes and gets 204 (as from S3). The upload route takes no API key: the signed fields are the
/// credential. The image is checked like any input image; the id is then an <c>UPLOADED</c> image id of the same key.
/// </summary>
public static class LeonardoUploadEndpoints
{
    public const string UploadPath = "/api/rest/v1/init-image-upload";
    private static readonly HashSet<string> Extensions = ["png", "jpg", "jpeg", "webp"];

    public static async Task<IResult> InitImageAsync(HttpContext http, IUploadStore uploads, LeonardoUploadPolicy policy,
        TimeProvider time, IOptions<ReelayOptions> options)
    {
        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge) return LeonardoResults.TooLarge(options.Value.MaxRequestBodyBytes);
        if (doc is null) return LeonardoResults.ParseError(error!);
        string extension;
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return LeonardoResults.ParseError($"the body must be a JSON object (was {JsonFields.Describe(doc.RootElement)})");
            var typeErrors = new FieldErrors();
            var value = JsonFields.String(doc.RootElement, "extension", typeErrors, "$.extension");
            if (!typeErrors.IsEmpty) return LeonardoResults.FromFields(typeErrors, new FieldErrors());
            if (value is null) return LeonardoResults.Invalid("$.extension", "field 'extension' is required");
            extension = value.ToLowerInvariant();
            if (!Extensions.Contains(extension))
                return LeonardoResults.Invalid("$.extension", $"unexpected value '{value}'; expected one of png, jpg, jpeg, webp");
        }

        var now = time.GetUtcNow();
        var id = Guid.NewGuid().ToString("D");
        var expiresAt = now + LeonardoUploadPolicy.Lifetime;
        await uploads.InsertAsync(new UploadRecord(id, http.Caller().Id, extension, null, expiresAt, now), http.RequestAborted);
        var fields = policy.Fields(id, extension, expiresAt);
        var body = new LeonardoUploadInitImage(
            id,
            $"{RequestBaseUrl.Of(http, options)}{UploadPath}/{id}",
            JsonSerializer.Serialize(fields, LeonardoJsonContext.Default.DictionaryStringString),
            fields[LeonardoUploadPolicy.KeyField]);
        return TypedResults.Json(new LeonardoInitImageResponse(body), LeonardoJsonContext.Default.LeonardoInitImageResponse);
    }

    public static async Task<IResult> UploadAsync(string id, HttpContext http, IUploadStore uploads, LeonardoUploadPolicy policy,
        ImageInputResolver images, TimeProvider time)
    {
        var upload = Guid.TryParse(id, out _) ? await uploads.GetAsync(id, http.RequestAborted) : null;
        if (upload is null) return Denied();
        if (!http.Request.HasFormContentType)
            return LeonardoResults.ParseError("the upload must be multipart/form-data with the issued fields and 'file'");

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return LeonardoResults.Error(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "$.file", ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return LeonardoResults.ParseError($"the multipart form could not be read: {ex.Message}");
        }

        var now = time.GetUtcNow();
        if (upload.ExpiresAt < now || !policy.Verify(id, upload.Extension, form[LeonardoUploadPolicy.KeyField],
                form[LeonardoUploadPolicy.ExpiresField], form[LeonardoUploadPolicy.SignatureField], now))
            return Denied();

        if (form.Files.GetFile("file") is not { } file) return LeonardoResults.Invalid("$.file", "field 'file' is required");
        if (file.Length > ImageInputResolver.MaxBytes) return LeonardoResults.Invalid("$.file", "the image is larger than 10 MB");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, http.RequestAborted);

        var resolved = await images.ResolveBytesAsync(bytes, http.RequestAborted);
        if (resolved.Error is not null) return LeonardoResults.Invalid("$.file", "the image " + resolved.Error);
        if (!await uploads.CompleteAsync(id, resolved.Reference!, now, http.RequestAborted)) return Denied();
        return TypedResults.NoContent();
    }

    /// <summary>Unknown id, tampered fields and an expired form look the same (S3 answers 403 AccessDenied).</summary>
    private static IResult Denied() =>
        LeonardoResults.Error(StatusCodes.Status403Forbidden, "access-denied", "$", "the upload policy is invalid or has expired");
}
