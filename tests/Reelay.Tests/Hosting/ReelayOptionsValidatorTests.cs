using Reelay.Hosting;

namespace Reelay.Tests.Hosting;

public sealed class ReelayOptionsValidatorTests
{
    private readonly ReelayOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(_validator.Validate(null, new ReelayOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheSetting()
    {
        var options = new ReelayOptions
        {
            DefaultEngine = "gpu",
            PublicBaseUrl = "ftp://x",
            Scheduler = new SchedulerOptions { MaxConcurrency = 0, LeaseDuration = TimeSpan.Zero },
            Security = new SecurityOptions { MasterKey = "c2hvcnQ=" },
        };
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        var text = string.Join("\n", result.Failures!);
        foreach (var setting in new[] { "Reelay:DefaultEngine", "Reelay:PublicBaseUrl", "Reelay:Scheduler:MaxConcurrency", "Reelay:Scheduler:LeaseDuration", "Reelay:Security:MasterKey" })
            Assert.Contains(setting, text);
        Assert.DoesNotContain("c2hvcnQ=", text); // the secret itself is never echoed
    }

    [Fact]
    public void Validate_NoopWithoutEnable_Fails() =>
        Assert.True(_validator.Validate(null, new ReelayOptions { DefaultEngine = "noop" }).Failed);

    [Theory]
    [InlineData("mysql", null, "Reelay:Storage:Provider")]
    [InlineData("postgres", null, "Reelay:Storage:Postgres:ConnectionString")]
    [InlineData("postgres", "Database=reelay;Password=hunter2", "Reelay:Storage:Postgres:ConnectionString")]
    [InlineData("postgres", "not a connection string", "Reelay:Storage:Postgres:ConnectionString")]
    public void Validate_BadStorage_NamesTheSettingWithoutEchoingIt(string provider, string? connectionString, string setting)
    {
        var options = new ReelayOptions
        {
            Storage = new StorageOptions { Provider = provider, Postgres = new PostgresStorageOptions { ConnectionString = connectionString } },
        };

        var text = string.Join("\n", _validator.Validate(null, options).Failures ?? []);

        Assert.Contains(setting, text);
        Assert.DoesNotContain("hunter2", text);
    }

    [Fact]
    public void Validate_PostgresWithHost_Succeeds() =>
        Assert.True(_validator.Validate(null, new ReelayOptions
        {
            Storage = new StorageOptions { Provider = "postgres", Postgres = new PostgresStorageOptions { ConnectionString = "Host=db;Database=reelay;Username=reelay" } },
        }).Succeeded);
}
