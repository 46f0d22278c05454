using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>
/// APIFrame's <c>percentage</c>, which its own pages show both as a string (<c>"40"</c>, while processing) and
/// as a number (<c>100</c>, when finished). Reads accept either form (and a trailing <c>%</c>); writes use the
/// form given by <see cref="AsString"/>.
/// </summary>
[JsonConverter(typeof(ApiFramePercentageConverter))]
public readonly record struct ApiFramePercentage(int Value, bool AsString)
{
    public static ApiFramePercentage Text(int value) => new(value, true);
    public static ApiFramePercentage Number(int value) => new(value, false);
}
