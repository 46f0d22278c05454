using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// One SQLite database file shared by <see cref="SqliteJobStore"/>, <see cref="SqliteWebhookOutbox"/> and
/// <see cref="SqliteKeyStore"/>. Guarantees:
/// <list type="bullet">
/// <item>Every connection runs in WAL mode with synchronous=NORMAL, busy_timeout=5000 and foreign keys on:
/// readers never block the writer or each other, and a commit is durable across process crashes
/// (an OS crash may lose the last commits, never corrupt the file).</item>
/// <item>Writes in this process are queued to one writer connection and committed in BEGIN IMMEDIATE
/// transactions, so concurrent callers queue in memory instead of spinning on SQLITE_BUSY, and a burst
/// of writes shares one commit; other processes on the same file are serialized by SQLite's lock and
/// the busy timeout. A write's task completes only after its transaction committed.</item>
/// <item>Reads use pooled connections outside the gate and see the last committed state.</item>
/// </list>
/// Create one instance per file and share it (register as a singleton); dispose it at shutdown.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>Idle read connections kept open; more may exist while a burst of reads is in flight.</summary>
    private const int MaxIdleReaders = 16;

    private readonly string _connectionString;
    /// <summary>Most writes committed in one transaction; bounds how long the file lock is held.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<SqliteWriteOperation> _writes =
        Channel.CreateUnbounded<SqliteWriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writerLoop;
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
            // The driver retries SQLITE_BUSY until this passes: as long as busy_timeout, so a file another process
            // holds locked fails a write after 5 s (answered 503 + Retry-After) instead of holding the request for 30.
            DefaultTimeout = 5,
        }.ToString();
        _writerLoop = Task.Run(WriterLoopAsync);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>Applies the embedded migrations that this file has not seen yet.</summary>
    public Task MigrateAsync(CancellationToken ct) => SqliteMigrator.MigrateAsync(this, ct);

    /// <summary>
    /// Runs <paramref name="work"/> on the writer connection inside a BEGIN IMMEDIATE transaction and
    /// completes once that transaction has committed. Writes queued together share one transaction
    /// (group commit), each inside its own savepoint: an exception from one undoes only that one and is
    /// rethrown to its caller. Work must be synchronous and must not wait for other writes.
    /// </summary>
    internal Task<TResult> WriteAsync<TState, TResult>(
        TState state, Func<SqliteSession, TState, TResult> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<TResult>(ct);
        var operation = new SqliteWriteOperation<TState, TResult>(state, work, ct);
        if (!_writes.Writer.TryWrite(operation)) throw new ObjectDisposedException(nameof(SqliteDatabase));
        return operation.Task;
    }

    private async Task WriterLoopAsync()
    {
        var reader = _writes.Reader;
        var committed = new List<SqliteWriteOperation>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            SqliteSession session;
            try
            {
                session = _writer ??= OpenSession();
                session.Execute("BEGIN IMMEDIATE");
            }
            catch (Exception error)
            {
                // The file is unavailable (locked past the busy timeout, unreadable): fail what is waiting.
                while (reader.TryRead(out var waiting)) waiting.Fail(error);
                continue;
            }
            committed.Clear();
            var transactionLost = false;
            while (committed.Count < MaxBatch && reader.TryRead(out var operation))
            {
                if (operation.CancellationToken.IsCancellationRequested)
                {
                    operation.Cancel();
                    continue;
                }
                if (RunInSavepoint(session, operation, committed)) continue;
                if (IsTransactionOpen(session)) continue;
                // SQLite rolled the whole transaction back (I/O error, disk full): nothing of this batch stands.
                transactionLost = true;
                break;
            }
            if (transactionLost)
            {
                foreach (var operation in committed) operation.Fail(new SqliteException("the write transaction was rolled back", 0));
                continue;
            }
            try
            {
                session.Execute("COMMIT");
            }
            catch (Exception error)
            {
                RollbackQuietly(session);
                foreach (var operation in committed) operation.Fail(error);
                continue;
            }
            foreach (var operation in committed) operation.Complete();
        }
    }

    private static bool RunInSavepoint(SqliteSession session, SqliteWriteOperation operation, List<SqliteWriteOperation> committed)
    {
        try
        {
            session.Execute("SAVEPOINT write_op");
            operation.Run(session);
            session.Execute("RELEASE write_op");
            committed.Add(operation);
            return true;
        }
        catch (Exception error)
        {
            if (IsTransactionOpen(session))
            {
                try
                {
                    session.Execute("ROLLBACK TO write_op");
                    session.Execute("RELEASE write_op");
                }
                catch (SqliteException)
                {
                    // Checked again by the caller through IsTransactionOpen.
                }
            }
            operation.Fail(error);
            return false;
        }
    }

    private static bool IsTransactionOpen(SqliteSession session) =>
        SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0;

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

    /// <summary>Lets queued writes finish, then closes every connection.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writes.Writer.TryComplete();
        _writerLoop.GetAwaiter().GetResult();
        _writer?.Dispose();
        _writer = null;
        while (_idleReaders.TryTake(out var session)) session.Dispose();
    }
}
