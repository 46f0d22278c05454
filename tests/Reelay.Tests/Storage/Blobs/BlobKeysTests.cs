using Reelay.Storage.Blobs;

namespace Reelay.Tests.Storage.Blobs;

public sealed class BlobKeysTests
{
    [Theory]
    [InlineData("jobs/0197a3c0-0000-7000-8000-000000000001/raw.mp4")]
    [InlineData("inputs/abcdef0123.png")]
    [InlineData("a")]
    [InlineData("a/b_c-d.e")]
    [InlineData(".hidden/x")]
    public void IsValid_SafeRelativeKey_True(string key) => Assert.True(BlobKeys.IsValid(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("...")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("a/b?c")]
    [InlineData("a/%2e%2e")]
    [InlineData("a/é")]
    public void IsValid_UnsafeKey_False(string? key) => Assert.False(BlobKeys.IsValid(key));

    [Theory]
    [InlineData("blob:inputs/x.png", "inputs/x.png")]
    [InlineData("blob:../x", null)]
    [InlineData("BLOB:inputs/x.png", null)]
    [InlineData("inputs/x.png", null)]
    [InlineData("https://example.com/x.png", null)]
    [InlineData(null, null)]
    public void FromReference_Reference_KeyOrNull(string? reference, string? expected) =>
        Assert.Equal(expected, BlobKeys.FromReference(reference));
}
