using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>Answer of <c>GET /generations/{id}</c>; <c>generations_by_pk</c> is null for unknown or foreign ids (Hasura does that, with 200).</summary>
public sealed record LeonardoGenerationResponse(
    [property: JsonPropertyName("generations_by_pk")] LeonardoGeneration? GenerationsByPk);
