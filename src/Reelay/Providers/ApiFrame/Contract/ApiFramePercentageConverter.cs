using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>Reads <c>percentage</c> as a number or a numeric string (liberal, as clients must be); writes it in its recorded form.</summary>
public sealed class ApiFramePercentageConverter : JsonConverter<ApiFramePercentage>
{
    public override ApiFramePercentage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var n) && double.IsFinite(n))
            return ApiFramePercentage.Number(Clamp(n));
        if (reader.TokenType == JsonTokenType.String &&
            double.TryParse(reader.GetString()?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s))
            return ApiFramePercentage.Text(Clamp(s));
        throw new JsonException("percentage must be a number or a numeric string");
    }

    public override void Write(Utf8JsonWriter writer, ApiFramePercentage value, JsonSerializerOptions options)
    {
        if (value.AsString) writer.WriteStringValue(value.Value.ToString(CultureInfo.InvariantCulture));
        else writer.WriteNumberValue(value.Value);
    }

    private static int Clamp(double v) => (int)Math.Clamp(Math.Round(v), 0, 100);
}
