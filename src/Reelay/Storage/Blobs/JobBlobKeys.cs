namespace Reelay.Storage.Blobs;

/// <summary>Where a job's files live in the blob store: everything under <c>jobs/{id}/</c>, so retention and clean-up remove one prefix.</summary>
public static class JobBlobKeys
{
    public static string Prefix(string jobId) => $"jobs/{jobId}/";

    public static string Of(string jobId, string name) => $"jobs/{jobId}/{name}";
}
