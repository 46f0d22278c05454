using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Media;
using Reelay.TestSupport;
using Reelay.Webhooks;

namespace Reelay.Tests.Hosting;

/// <summary>Every options section is the key the README documents, and a bad value stops start-up naming that key.</summary>
public sealed class OptionsSectionTests
{
    private static IEnumerable<(Type Type, string Section)> Sections() =>
        typeof(ReelayOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (x.Type, (string)x.Field!.GetRawConstantValue()!));

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Reelay:DataDir"] = Path.Combine(Path.GetTempPath(), "reelay-options-" + Guid.NewGuid().ToString("N")) };
        foreach (var (key, value) in settings) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddReelay(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Section_EveryOptionsClass_HasARowInTheReadmeConfigurationTable()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "README.md")).Where(l => l.StartsWith("| `Reelay", StringComparison.Ordinal)).ToList();
        var sections = Sections().ToList();
        Assert.Contains(sections, s => s.Type == typeof(WebhookOptions));
        Assert.Contains(sections, s => s.Type == typeof(MediaOptions));
        foreach (var (type, section) in sections)
        {
            Assert.True(section == ReelayOptions.Section || section.StartsWith(ReelayOptions.Section + ":", StringComparison.Ordinal),
                $"{type.Name}.Section '{section}' is not under Reelay:");
            Assert.True(rows.Any(r => r.StartsWith("| `" + section, StringComparison.Ordinal)), $"{type.Name}.Section '{section}' has no row in README's configuration table");
        }
    }

    [Theory]
    [InlineData("Reelay:Webhooks:MaxConcurrency", "0")]
    [InlineData("Reelay:Webhooks:LeaseDuration", "00:00:05")]
    [InlineData("Reelay:Media:Preset", "warp")]
    [InlineData("Reelay:Media:MaxResultBytes", "10")]
    [InlineData("Reelay:Scheduler:MaxConcurrency", "0")]
    [InlineData("Reelay:Blobs:MinFreeMb", "-1")]
    [InlineData("Reelay:Pricing:Prices:kling-v1:std:5", "lots")]
    [InlineData("Reelay:Pricing:Prices:kling-v1:std:5", "-2")]
    [InlineData("Reelay:Pricing:PricesPath", "/nonexistent/prices.json")]
    public void ValidateOnStart_BadSetting_StopsWithTheKeyInTheMessage(string key, string value)
    {
        using var provider = Services((key, value));

        var ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        // One failing class throws OptionsValidationException; several (a bad Reelay setting also fails the webhook
        // options that read it) an AggregateException of them, which `reelay serve` reports the same way.
        var failures = (ex is AggregateException many ? many.InnerExceptions : [ex]).Select(e => Assert.IsType<OptionsValidationException>(e)).SelectMany(e => e.Failures);
        Assert.Contains(failures, f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_Defaults_Pass()
    {
        using var provider = Services();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(64, provider.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxConcurrency);
        Assert.Equal("veryfast", provider.GetRequiredService<IOptions<MediaOptions>>().Value.Preset);
    }
}
