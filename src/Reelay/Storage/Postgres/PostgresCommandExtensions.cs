using Npgsql;

namespace Reelay.Storage.Postgres;

/// <summary>Command creation and parameter binding with the stores' conventions (<c>@name</c> parameters, times as unix milliseconds).</summary>
internal static class PostgresCommandExtensions
{
    /// <summary>A command on <paramref name="connection"/>; it joins the connection's open transaction, if any.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql) => new(sql, connection);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, DateTimeOffset value) =>
        command.Bind(name, value.ToUnixTimeMilliseconds());

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.Bind(name, value?.ToUnixTimeMilliseconds());

    /// <summary>Binds each (column, value) pair as <c>@column</c>.</summary>
    public static NpgsqlCommand Bind(this NpgsqlCommand command, (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Bind(name, value);
        return command;
    }

    /// <summary>
    /// An empty batch on <paramref name="connection"/> (it joins the open transaction): its commands reach the server in
    /// one round trip and run in order, each with its own snapshot, as separate commands would.
    /// </summary>
    public static NpgsqlBatch Batch(this NpgsqlConnection connection) => new(connection);

    /// <summary>Appends a command to <paramref name="batch"/>; after the batch ran, its RecordsAffected is set.</summary>
    public static NpgsqlBatchCommand Add(this NpgsqlBatch batch, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        return command;
    }

    public static NpgsqlBatchCommand Bind(this NpgsqlBatchCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static NpgsqlBatchCommand Bind(this NpgsqlBatchCommand command, (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) command.Bind(name, value);
        return command;
    }

    /// <summary>Runs every command of the batch (none when it is empty) and disposes it.</summary>
    public static async Task RunAsync(this NpgsqlBatch batch, CancellationToken ct)
    {
        await using (batch.ConfigureAwait(false))
        {
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the command and disposes it; the number of rows affected.</summary>
    public static async Task<int> RunAsync(this NpgsqlCommand command, CancellationToken ct)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the command and disposes it; the first column of the first row, or null.</summary>
    public static async Task<object?> ScalarAsync(this NpgsqlCommand command, CancellationToken ct)
    {
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    /// <summary>Runs the command, maps every row with <paramref name="read"/> (given the whole reader) and disposes both.</summary>
    public static async Task<T> ReadAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return read(reader);
            }
        }
    }
}
