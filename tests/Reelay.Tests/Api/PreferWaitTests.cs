using Reelay.Api.Native;

namespace Reelay.Tests.Api;

public sealed class PreferWaitTests
{
    [Theory]
    [InlineData("wait=10", 10)]
    [InlineData("respond-async, wait=5", 5)]
    [InlineData("return=minimal; wait=999", 60)]
    [InlineData("WAIT=3", 3)]
    [InlineData("wait=-1", null)]
    [InlineData("wait=abc", null)]
    [InlineData("", null)]
    public void PreferredWait_Header_ParsedAndClamped(string header, int? expected) =>
        Assert.Equal(expected, VideosApi.PreferredWait(header));
}
