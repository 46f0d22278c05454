using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>The accepted generation: <c>generationId</c> is the Reelay job id.</summary>
public sealed record LeonardoMotionJob(
    [property: JsonPropertyName("generationId")] string GenerationId,
    [property: JsonPropertyName("apiCreditCost")] int? ApiCreditCost,
    [property: JsonPropertyName("cost")] LeonardoCost Cost);
