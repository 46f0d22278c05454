using System.Text.Json.Serialization;

namespace Reelay.WebConsole;

/// <summary>Source-generated JSON for what the console sends to its script (live updates, the model catalog, the price list).</summary>
[JsonSerializable(typeof(LiveJob))]
[JsonSerializable(typeof(List<ConsoleModel>))]
[JsonSerializable(typeof(SecretNotice))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, Dictionary<string, decimal>>>))]
internal sealed partial class ConsoleJson : JsonSerializerContext;
