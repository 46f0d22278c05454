using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>The cost of a generation: <c>amount</c> is a decimal string, <c>unit</c> always <c>CREDITS</c>.</summary>
public sealed record LeonardoCost(
    [property: JsonPropertyName("amount")] string Amount,
    [property: JsonPropertyName("unit")] string Unit);
