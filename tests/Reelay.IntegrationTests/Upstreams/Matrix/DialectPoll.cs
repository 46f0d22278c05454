using System.Text.Json;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>What one status read through a dialect said: its own status word, whether that is final, and the video link once there is one.</summary>
internal sealed record DialectPoll(string Status, bool Terminal, string? ResultUrl, JsonElement Body);
