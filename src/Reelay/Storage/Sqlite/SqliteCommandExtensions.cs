using Microsoft.Data.Sqlite;

namespace Reelay.Storage.Sqlite;

/// <summary>Parameter binding with the store's conventions (times as unix milliseconds, UTC).</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Binds each (column, value) pair as <c>$column</c>.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Bind("$" + name, value);
        return command;
    }

    public static SqliteCommand Bind(this SqliteCommand command, string name, DateTimeOffset value) =>
        command.Bind(name, value.ToUnixTimeMilliseconds());

    public static SqliteCommand Bind(this SqliteCommand command, string name, DateTimeOffset? value) =>
        command.Bind(name, value?.ToUnixTimeMilliseconds());
}
