using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary><c>task_result</c> of a succeeded task.</summary>
public sealed record KlingTaskResult([property: JsonPropertyName("videos")] IReadOnlyList<KlingVideo> Videos);
