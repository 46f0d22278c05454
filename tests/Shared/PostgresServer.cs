using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Reelay.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server started by the tests: initdb into a fresh temp directory, trust authentication,
/// listening on 127.0.0.1 at a free port with its socket in that directory, fsync off (the data is thrown away).
/// One server serves a whole test run (xunit collection fixture, see <see cref="PostgresCollection"/>); each test
/// class gets its own database from <see cref="DatabaseAsync"/>. Disposing stops the server and deletes the directory.
/// When running as root (CI, containers) the server runs as the <c>postgres</c> user through runuser. Missing
/// binaries fail the run with a message naming scripts/ensure-deps.sh: the suite never skips PostgreSQL.
/// This file depends on Npgsql only (the benchmark links it too); the xunit lifetime is declared in
/// PostgresServerLifetime.cs.
/// </summary>
public sealed partial class PostgresServer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);
    private string _bin = "";
    private string _root = "";
    private string _data = "";
    private bool _started;

    public int Port { get; private set; }

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>The connection string of a database named after <paramref name="name"/>, created on first request.</summary>
    public Task<string> DatabaseAsync(string name) =>
        _databases.GetOrAdd(name, n => new Lazy<Task<string>>(() => CreateDatabaseAsync(n))).Value;

    public async Task InitializeAsync()
    {
        _bin = FindBinDirectory();
        _root = Path.Combine(Path.GetTempPath(), "reelay-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", ["postgres:postgres", _root]);
        await RunPostgresToolAsync("initdb", ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await StartOnPortAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between probing and binding; try another.
            }
        }
    }

    /// <summary>
    /// Stops the server as an outage would (fast shutdown: open connections are cut), keeping its data;
    /// <see cref="RestartAsync"/> brings it back on the same port.
    /// </summary>
    public async Task StopAsync()
    {
        await RunPostgresToolAsync("pg_ctl", ["-D", _data, "-m", "fast", "-w", "stop"]);
        _started = false;
    }

    /// <summary>Starts the stopped server again on the same port, with the same data.</summary>
    public Task RestartAsync() => StartOnPortAsync();

    private async Task StartOnPortAsync()
    {
        await RunPostgresToolAsync("pg_ctl",
        [
            "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                  "-c full_page_writes=off -c max_connections=300",
            "start",
        ]);
        _started = true;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started) await RunPostgresToolAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<string> CreateDatabaseAsync(string name)
    {
        var database = (name + "_" + Guid.NewGuid().ToString("N")[..8]).ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(database);
    }

    private static string FindBinDirectory()
    {
        static bool HasTools(string? dir) =>
            dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        string? fromPgConfig = null;
        try
        {
            fromPgConfig = RunAsync("pg_config", ["--bindir"]).GetAwaiter().GetResult().Trim();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // No pg_config (client-only installs lack it); look in the Debian layout instead.
        }
        if (HasTools(fromPgConfig)) return fromPgConfig!;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(HasTools)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found via `pg_config --bindir` or /usr/lib/postgresql/*/bin; " +
            "run scripts/ensure-deps.sh test (installs the postgresql package).");
    }

    private Task<string> RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, tool);
        // PostgreSQL refuses to run as root; run it as the postgres system user instead.
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
