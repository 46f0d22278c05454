using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>APIFrame's 400 body (express-validator style): <c>{"errors":[{"msg":"..."}]}</c>, one entry per problem.</summary>
public sealed record ApiFrameErrorBody([property: JsonPropertyName("errors")] IReadOnlyList<ApiFrameError> Errors)
{
    public static ApiFrameErrorBody Of(params string[] messages) => new([.. messages.Select(m => new ApiFrameError(m))]);
}
