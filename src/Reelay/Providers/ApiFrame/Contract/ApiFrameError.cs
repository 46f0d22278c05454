using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>One entry of <see cref="ApiFrameErrorBody"/>: exactly <c>{"msg":"..."}</c> as the seed shows (the message names the field).</summary>
public sealed record ApiFrameError([property: JsonPropertyName("msg")] string Msg);
