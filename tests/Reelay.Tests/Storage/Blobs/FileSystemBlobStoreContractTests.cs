using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs;

public sealed class FileSystemBlobStoreContractTests : BlobStoreContract, IDisposable
{
    private readonly TempDirectory _temp = new("reelay-blob-contract");
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreContractTests() => _store = new FileSystemBlobStore(_temp.Path);

    protected override IBlobStore Store => _store;

    protected override Task<IReadOnlyList<string>> ListStoredAsync() =>
        Task.FromResult<IReadOnlyList<string>>(Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_temp.Path, f).Replace('\\', '/')).ToList());

    public void Dispose() => _temp.Dispose();
}
