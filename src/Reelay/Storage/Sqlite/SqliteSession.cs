using Microsoft.Data.Sqlite;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// One open connection plus its prepared commands. Commands are kept per SQL text, so a statement is
/// compiled once per connection and afterwards only re-bound. Not thread-safe: a session is used by one
/// caller at a time (the writer behind the write gate, readers rented from the pool).
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The cached command for <paramref name="sql"/>, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        else
        {
            command.Parameters.Clear();
        }
        return command;
    }

    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        Connection.Dispose();
    }
}
