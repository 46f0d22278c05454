using Npgsql;

namespace Reelay.Tests.Storage.Postgres;

/// <summary>Throwaway schemas inside a test database: an empty store per test for the price of CREATE SCHEMA.</summary>
internal static class PostgresSchemas
{
    public static string ConnectionString(string database, string schema) =>
        new NpgsqlConnectionStringBuilder(database) { SearchPath = schema }.ConnectionString;

    public static Task CreateAsync(string database, string schema) => ExecuteAsync(database, $"CREATE SCHEMA \"{schema}\"");

    public static Task DropAsync(string database, string schema) => ExecuteAsync(database, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");

    /// <summary>Runs <paramref name="sql"/> on its own unpooled connection to <paramref name="database"/>.</summary>
    public static async Task<object?> ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
