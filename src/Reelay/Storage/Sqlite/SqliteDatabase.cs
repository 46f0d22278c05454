using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// One SQLite database file shared by <see cref="SqliteJobStore"/>, <see cref="SqliteWebhookOutbox"/> and
/// <see cref="SqliteKeyStore"/>. Guarantees:
/// <list type="bullet">
/// <item>Every connection runs in WAL mode with synchronous=NORMAL, busy_timeout=5000 and foreign keys on:
/// readers never block the writer or each other, and a commit is durable across process crashes
/// (an OS crash may lose the last commits, never corrupt the file).</item>
/// <item>Writes in this process go through one connection behind a gate, each in BEGIN IMMEDIATE, so
/// concurrent callers queue in memory instead of spinning on SQLITE_BUSY; other processes on the same
/// file are serialized by SQLite's lock and the busy timeout.</item>
/// <item>Reads use pooled connections outside the gate and see the last committed state.</item>
/// </list>
/// Create one instance per file and share it (register as a singleton); dispose it at shutdown.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>Idle read connections kept open; more may exist while a burst of reads is in flight.</summary>
    private const int MaxIdleReaders = 16;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];
    private int _idleReaderCount;
    private SqliteSession? _writer;
    private bool _disposed;

    public SqliteDatabase(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Path = System.IO.Path.GetFullPath(path);
        TimeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // Connections are pooled here (with their prepared statements), not by the driver.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>Applies the embedded migrations that this file has not seen yet.</summary>
    public Task MigrateAsync(CancellationToken ct) => SqliteMigrator.MigrateAsync(this, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one BEGIN IMMEDIATE transaction on the writer connection and commits
    /// it; any exception rolls everything back. Callers are served one at a time.
    /// </summary>
    internal async Task<TResult> WriteAsync<TState, TResult>(
        TState state, Func<SqliteSession, TState, TResult> work, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var session = _writer ??= OpenSession();
            session.Execute("BEGIN IMMEDIATE");
            try
            {
                var result = work(session, state);
                session.Execute("COMMIT");
                return result;
            }
            catch
            {
                RollbackQuietly(session);
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection (autocommit, one snapshot per statement).</summary>
    internal TResult Read<TState, TResult>(TState state, Func<SqliteSession, TState, TResult> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = RentReader();
        try
        {
            return work(session, state);
        }
        finally
        {
            ReturnReader(session);
        }
    }

    private SqliteSession RentReader()
    {
        if (_idleReaders.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            return session;
        }
        return OpenSession();
    }

    private void ReturnReader(SqliteSession session)
    {
        if (!_disposed && Interlocked.Increment(ref _idleReaderCount) <= MaxIdleReaders)
        {
            _idleReaders.Add(session);
            return;
        }
        Interlocked.Decrement(ref _idleReaderCount);
        session.Dispose();
    }

    private SqliteSession OpenSession()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            // journal_mode is stored in the file; the rest are per connection.
            pragmas.CommandText =
                "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            pragmas.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void RollbackQuietly(SqliteSession session)
    {
        try
        {
            session.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (e.g. after SQLITE_FULL); nothing is left to undo.
        }
    }

    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            while (_idleReaders.TryTake(out var session)) session.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
