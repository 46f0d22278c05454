using Microsoft.Extensions.Configuration;
using Reelay.Hosting;
using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

public sealed class UpstreamConfigurationTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Read_ValidWithSecretsFromEnvironment_ResolvesKeys()
    {
        var variable = "REELAY_TEST_SK_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            var list = UpstreamConfiguration.Read(Config(new()
            {
                ["Reelay:Upstreams:0:Name"] = "k", ["Reelay:Upstreams:0:Type"] = "kling", ["Reelay:Upstreams:0:BaseUrl"] = "https://api.example.com",
                ["Reelay:Upstreams:0:AccessKey"] = "ak", ["Reelay:Upstreams:0:SecretKeyEnv"] = variable, ["Reelay:Upstreams:0:Models:0"] = "kling-v1",
            }), UpstreamEngineFactories.All);
            var u = Assert.Single(list);
            Assert.Equal(("ak", "from-env"), (u.ResolveAccessKey(), u.ResolveSecretKey()));
            Assert.True(u.Serves("KLING-V1"));
            Assert.False(u.Serves("kling-v2-6"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Read_BadEntries_EveryProblemNamedBySetting()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => UpstreamConfiguration.Read(Config(new()
        {
            ["Reelay:Upstreams:0:Name"] = "dup", ["Reelay:Upstreams:0:Type"] = "kling", ["Reelay:Upstreams:0:BaseUrl"] = "https://a.example",
            ["Reelay:Upstreams:0:AccessKey"] = "a", ["Reelay:Upstreams:0:SecretKey"] = "s",
            ["Reelay:Upstreams:1:Name"] = "dup", ["Reelay:Upstreams:1:Type"] = "sora", ["Reelay:Upstreams:1:BaseUrl"] = "ftp://x",
            ["Reelay:Upstreams:1:MaxConcurrentJobs"] = "0",
            ["Reelay:Upstreams:2:Name"] = "k2", ["Reelay:Upstreams:2:Type"] = "kling", ["Reelay:Upstreams:2:BaseUrl"] = "https://b.example",
            ["Reelay:Upstreams:2:AccessKey"] = "a",
        }), UpstreamEngineFactories.All));
        foreach (var part in new[] { "Reelay:Upstreams:1:Name", "Reelay:Upstreams:1:Type", "Reelay:Upstreams:1:BaseUrl", "Reelay:Upstreams:1:AccessKey",
                     "Reelay:Upstreams:1:MaxConcurrentJobs", "Reelay:Upstreams:2:SecretKey" })
            Assert.Contains(part, ex.Message);
        Assert.DoesNotContain("Reelay:Upstreams:0:", ex.Message);
    }

    [Fact]
    public void Read_SingleCredentialProtocol_NoSecretKeyNeeded()
    {
        var list = UpstreamConfiguration.Read(Config(new()
        {
            ["Reelay:Upstreams:0:Name"] = "hw", ["Reelay:Upstreams:0:Type"] = "highway", ["Reelay:Upstreams:0:BaseUrl"] = "https://api.example.com",
            ["Reelay:Upstreams:0:AccessKey"] = "bearer-token",
        }), UpstreamEngineFactories.All);
        Assert.Single(list);
    }

    [Fact]
    public void Serves_NoModelsListed_EveryModelButLocal()
    {
        var u = new UpstreamDefinition();
        Assert.True(u.Serves("kling-v2-6"));
        Assert.False(u.Serves("local"));
    }

    /// <summary>
    /// Regression (found by the dialect × upstream matrix): an upstream listing no Models claimed every non-local model,
    /// so a kling-v2-5-turbo job went to an APIFrame upstream, whose adapter refused it, and failed with
    /// engine_unavailable instead of running on the default engine.
    /// </summary>
    [Theory]
    [InlineData("apiframe", "kling-v1-6", "kling-v2-5-turbo")]
    [InlineData("higgsfield", "kling-v2-5-turbo", "kling-v1-6")]
    [InlineData("highway", "kling-v2-5-turbo", "kling-v2-1")]
    [InlineData("leonardo", "kling-v2-1", "kling-v1")]
    [InlineData("leonardo", "kling-v2-5-turbo", "local")]
    [InlineData("kling", "kling-v2-6", "local")]
    [InlineData("hyprlab", "kling-v1", "local")]
    public void Read_NoModelsListed_ServesWhatItsAdapterServes(string type, string served, string notServed)
    {
        var u = Assert.Single(UpstreamConfiguration.Read(Config(new()
        {
            ["Reelay:Upstreams:0:Name"] = "u", ["Reelay:Upstreams:0:Type"] = type, ["Reelay:Upstreams:0:BaseUrl"] = "https://api.example.com",
            ["Reelay:Upstreams:0:AccessKey"] = "ak", ["Reelay:Upstreams:0:SecretKey"] = "sk",
        }), UpstreamEngineFactories.All));
        Assert.True(u.Serves(served));
        Assert.False(u.Serves(notServed));
    }

    [Fact]
    public void Read_ModelsListed_ListKeptAsWritten()
    {
        var u = Assert.Single(UpstreamConfiguration.Read(Config(new()
        {
            ["Reelay:Upstreams:0:Name"] = "leo", ["Reelay:Upstreams:0:Type"] = "leonardo", ["Reelay:Upstreams:0:BaseUrl"] = "https://api.example.com",
            ["Reelay:Upstreams:0:AccessKey"] = "ak", ["Reelay:Upstreams:0:Models:0"] = "local",
        }), UpstreamEngineFactories.All));
        Assert.Equal(["local"], u.Models); // Leonardo relays its own models that run as local (MOTION2, VEO3) only when asked
    }

    [Fact]
    public void Read_ModelListedThatTheAdapterCannotServe_RefusedNamingSettingAndModel()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => UpstreamConfiguration.Read(Config(new()
        {
            ["Reelay:Upstreams:0:Name"] = "leo", ["Reelay:Upstreams:0:Type"] = "leonardo", ["Reelay:Upstreams:0:BaseUrl"] = "https://api.example.com",
            ["Reelay:Upstreams:0:AccessKey"] = "ak", ["Reelay:Upstreams:0:Models:0"] = "kling-v2-1", ["Reelay:Upstreams:0:Models:1"] = "kling-v1",
        }), UpstreamEngineFactories.All));
        Assert.Contains("Reelay:Upstreams:0:Models", ex.Message);
        Assert.Contains("'kling-v1'", ex.Message);
        Assert.DoesNotContain("'kling-v2-1'", ex.Message);
    }
}
