using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Reelay.Storage.Blobs.S3;

/// <summary>Builds the S3 client for <see cref="S3BlobStoreOptions"/>.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3BlobStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 demands them: with the SDK's default (always), every body is sent in
            // aws-chunked framing with a trailing checksum, which S3-compatible servers (s3rver, older MinIO and
            // Ceph) store verbatim as the object's bytes.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
