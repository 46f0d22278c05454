namespace Reelay.Storage.Sqlite;

/// <summary>A queued write: runs on the writer connection inside a batch transaction, completes after COMMIT.</summary>
internal abstract class SqliteWriteOperation
{
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Executes the work; the result is held until the batch commits.</summary>
    public abstract void Run(SqliteSession session);

    /// <summary>Publishes the result: called only once the transaction holding the work has committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception error);

    public abstract void Cancel();
}

internal sealed class SqliteWriteOperation<TState, TResult>(
    TState state, Func<SqliteSession, TState, TResult> work, CancellationToken ct) : SqliteWriteOperation
{
    // Continuations run on the thread pool, never inline on the writer loop.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;

    public Task<TResult> Task => _completion.Task;

    public override CancellationToken CancellationToken => ct;

    public override void Run(SqliteSession session) => _result = work(session, state);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Cancel() => _completion.TrySetCanceled(ct);
}
