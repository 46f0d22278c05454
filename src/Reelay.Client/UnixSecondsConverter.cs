using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelay.Client;

/// <summary>
/// Timestamps travel as unix seconds (integers, possibly fractional or null). ISO 8601 strings are accepted too,
/// so a server that switches representation does not break older clients.
/// </summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds),
        JsonTokenType.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)(reader.GetDouble() * 1000)),
        JsonTokenType.String => reader.GetDateTimeOffset(),
        _ => throw new JsonException($"expected unix seconds, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v.ToUnixTimeSeconds());
        else writer.WriteNullValue();
    }
}
