using System.CommandLine;

namespace Reelay.Emulation;

/// <summary>The credential option of an emulator command with one key (<c>--api-key</c>) and the <c>--no-auth</c> switch.</summary>
public sealed class EmulatorKeyOptions(string keyDescription, string defaultKey, string name = "--api-key", string noAuthDescription = "Accept requests without a key")
{
    public Option<string> Key { get; } = new(name) { Description = keyDescription, DefaultValueFactory = _ => defaultKey };
    public Option<bool> NoAuth { get; } = new("--no-auth") { Description = noAuthDescription };

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(NoAuth);
    }

    /// <summary>The key the emulator accepts; null when <c>--no-auth</c> switched authentication off.</summary>
    public string? Value(ParseResult parse) => parse.GetValue(NoAuth) ? null : parse.GetValue(Key);

    /// <summary>The start-up lines naming the credentials, or saying authentication is off.</summary>
    public static string Describe(params (string Label, string? Value)[] credentials) =>
        credentials.All(c => c.Value is { Length: > 0 })
            ? string.Join('\n', credentials.Select(c => $"  {c.Label}: {c.Value}"))
            : "  authentication: off";
}
