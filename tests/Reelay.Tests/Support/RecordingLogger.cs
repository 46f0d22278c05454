using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Reelay.Tests.Support;

/// <summary>Keeps the event ids a component logged, so a test can wait until it reached a point it logs.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<EventId> _events = new();

    public IReadOnlyCollection<EventId> Events => _events;

    public bool Logged(int eventId) => _events.Any(e => e.Id == eventId);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _events.Enqueue(eventId);
}
