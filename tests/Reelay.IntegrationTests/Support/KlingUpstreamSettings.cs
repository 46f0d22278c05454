using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Support;

/// <summary>The configuration of one Kling upstream named <c>kling-a</c> pointed at an emulator; tests add or override keys.</summary>
public static class KlingUpstreamSettings
{
    public const string Prefix = "Reelay:Upstreams:0:";

    public static Dictionary<string, string?> For(KlingEmulator emulator, string firstPollAfter = "00:00:01", string maxPollInterval = "00:00:01") => new()
    {
        [Prefix + "Name"] = "kling-a",
        [Prefix + "Type"] = "kling",
        [Prefix + "BaseUrl"] = emulator.BaseAddress.ToString(),
        [Prefix + "AccessKey"] = emulator.Options.AccessKey,
        [Prefix + "SecretKey"] = emulator.Options.SecretKey,
        [Prefix + "FirstPollAfter"] = firstPollAfter,
        [Prefix + "MaxPollInterval"] = maxPollInterval,
    };
}
