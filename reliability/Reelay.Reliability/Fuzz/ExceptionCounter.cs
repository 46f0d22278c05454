using System.Collections.Concurrent;

namespace Reelay.Reliability.Fuzz;

/// <summary>
/// A logger provider that counts what the server logged at Error or above with an exception attached — unhandled
/// exceptions in endpoints (the exception handler middleware logs them), in Kestrel, and in Reelay's own services —
/// keeping the first few for the report. Added to the running server's logger factory.
/// </summary>
public sealed class ExceptionCounter : ILoggerProvider
{
    private long _count;
    private readonly ConcurrentQueue<string> _first = new();

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyList<string> First => [.. _first];

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private void Record(string category, string message, Exception exception)
    {
        Interlocked.Increment(ref _count);
        if (_first.Count < 10) _first.Enqueue($"{category}: {message} — {exception.GetType().Name}: {exception.Message}");
    }

    private sealed class Counter(ExceptionCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null) owner.Record(category, formatter(state, exception), exception);
        }
    }
}
