using System.Text.Json.Serialization;

namespace Reelay.Providers.HyprLab.Contract;

/// <summary>
/// The polling answer (docs/dialects.md §4, Decision): <c>{"id","status","created"}</c> while pending or processing;
/// <c>data:[{url}]</c> added when succeeded; <c>error:{message}</c> added when failed. Absent members are omitted.
/// </summary>
/// <param name="Status">One of <see cref="HyprLabStatus"/>.</param>
public sealed record HyprLabGenerationStatus(
    string Id,
    string Status,
    long Created,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HyprLabUrl>? Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HyprLabFailure? Error);
