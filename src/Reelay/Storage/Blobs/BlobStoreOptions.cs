using Reelay.Hosting;
using Reelay.Storage.Blobs.S3;

namespace Reelay.Storage.Blobs;

/// <summary>Section <c>Reelay:Blobs</c>: where result and input files live.</summary>
public sealed class BlobStoreOptions
{
    public const string Section = "Reelay:Blobs";
    public const string FileSystemProvider = "filesystem";
    public const string S3Provider = "s3";

    /// <summary><c>filesystem</c> (default: under the data dir, one node) or <c>s3</c> (shared by a cluster).</summary>
    public string Provider { get; set; } = FileSystemProvider;

    public S3BlobStoreOptions S3 { get; set; } = new();

    /// <summary>
    /// File-system store only: below this much free space on its disk /readyz reports <c>blobs</c> failing, so a
    /// balancer stops sending work before results can no longer be written. 0 turns the check off.
    /// </summary>
    public long MinFreeMb { get; set; } = 64;

    /// <summary>Binds the section; a value of the wrong type or an unknown provider stops start-up with the setting's name.</summary>
    public static BlobStoreOptions Read(IConfiguration configuration)
    {
        BlobStoreOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<BlobStoreOptions>() ?? new BlobStoreOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidConfigurationException(ex.Message, ex);
        }
        options.Provider = options.Provider.Trim().ToLowerInvariant();
        if (options.Provider is not (FileSystemProvider or S3Provider))
            throw new InvalidConfigurationException($"{Section}:Provider must be '{FileSystemProvider}' or '{S3Provider}' (was '{options.Provider}').");
        return options;
    }
}
