using Reelay.Accounts;

namespace Reelay.Tests.Accounts;

public sealed class KeySettingsPatchTests
{
    private static readonly KeyLimits Current = new(10, 2, ["kling-v1"]);

    [Fact]
    public void ApplyTo_EmptyPatch_KeepsEverything()
    {
        var (name, limits) = new KeySettingsPatch().ApplyTo("team", Current);

        Assert.Equal(("team", Current), (name, limits));
    }

    [Fact]
    public void ApplyTo_ClearOneSetAnother_OnlyThoseChange()
    {
        var patch = new KeySettingsPatch { SetsRequestsPerMinute = true, RequestsPerMinute = null, SetsMaxConcurrentJobs = true, MaxConcurrentJobs = 7 };

        var (_, limits) = patch.ApplyTo("team", Current);

        Assert.Equal(new KeyLimits(null, 7, ["kling-v1"]), limits);
    }

    [Fact]
    public void ToJsonBody_ClearedLimit_SentAsExplicitNull()
    {
        var body = new KeySettingsPatch { SetsAllowedModels = true, AllowedModels = null }.ToJsonBody();

        Assert.Equal(["allowed_models"], body.Keys);
        Assert.Null(body["allowed_models"]);
    }
}
