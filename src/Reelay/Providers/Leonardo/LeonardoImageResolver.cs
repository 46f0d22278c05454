using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Storage;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Turns a Leonardo image id into a stored input reference: <c>UPLOADED</c> ids are the caller's own completed
/// init-image uploads; <c>GENERATED</c> ids are the caller's own finished jobs, whose poster frame is copied into
/// the inputs (a job keeps only <c>blob:inputs/...</c> references, never another job's result key).
/// Unknown, foreign and unfinished ids are refused alike.
/// </summary>
public sealed class LeonardoImageResolver(IUploadStore uploads, JobService jobs, IBlobStore blobs, ImageInputResolver images)
{
    public async Task<ImageResolution> ResolveAsync(LeonardoImageRef image, ApiKey caller, CancellationToken ct)
    {
        if (image.Type == LeonardoImageRef.Uploaded)
        {
            var upload = Guid.TryParse(image.Id, out _) ? await uploads.GetAsync(image.Id, ct) : null;
            if (upload is null || upload.OwnerKeyId != caller.Id)
                return ImageResolution.Fail($"no uploaded image with id '{image.Id}'");
            return upload.BlobRef is { } stored
                ? ImageResolution.Ok(stored)
                : ImageResolution.Fail($"image '{image.Id}' has not been uploaded (the upload form is valid for {LeonardoUploadPolicy.Lifetime.TotalMinutes:0} minutes)");
        }

        var job = await jobs.GetAsync(image.Id, caller, ct);
        if (job is null) return ImageResolution.Fail($"no generated image with id '{image.Id}'");
        if (job.Status != JobStatus.Succeeded || job.Outputs is null)
            return ImageResolution.Fail($"generation '{image.Id}' is not COMPLETE");
        await using var poster = await blobs.OpenReadAsync(job.Outputs.Poster.BlobKey, ct);
        if (poster is null) return ImageResolution.Fail($"the image of generation '{image.Id}' is no longer stored");
        using var buffer = new MemoryStream();
        await poster.CopyToAsync(buffer, ct);
        return await images.ResolveBytesAsync(buffer.ToArray(), ct);
    }
}
