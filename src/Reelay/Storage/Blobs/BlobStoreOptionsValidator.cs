using Microsoft.Extensions.Options;

namespace Reelay.Storage.Blobs;

/// <summary>Stops start-up on an unusable <c>Reelay:Blobs</c> setting, naming the key (the S3 settings only when the S3 store is chosen).</summary>
public sealed class BlobStoreOptionsValidator : IValidateOptions<BlobStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobStoreOptions options)
    {
        var errors = new List<string>();
        var provider = options.Provider.Trim().ToLowerInvariant();
        if (provider is not (BlobStoreOptions.FileSystemProvider or BlobStoreOptions.S3Provider))
            errors.Add($"{BlobStoreOptions.Section}:Provider must be '{BlobStoreOptions.FileSystemProvider}' or '{BlobStoreOptions.S3Provider}' (was '{options.Provider}').");
        if (options.MinFreeMb < 0) errors.Add($"{BlobStoreOptions.Section}:MinFreeMb must be 0 (off) or more (was '{options.MinFreeMb}').");
        if (provider == BlobStoreOptions.S3Provider) errors.AddRange(options.S3.Validate());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
