using System.Text.Json.Serialization;

namespace Reelay.WebConsole;

/// <summary>Source-generated JSON for what the console sends to its script (live updates, the model catalog).</summary>
[JsonSerializable(typeof(LiveJob))]
[JsonSerializable(typeof(List<ConsoleModel>))]
internal sealed partial class ConsoleJson : JsonSerializerContext;
