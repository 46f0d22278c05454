namespace Reelay.Scheduling;

/// <summary>
/// Progress sink handed to engines. Persists at most once per second (and only on change), with a
/// progress event and webhook at each 10% step, so a fast engine cannot flood the store or the receiver.
/// Writes are fenced with the step's lease token; a lost write just stops further progress writes.
/// </summary>
internal sealed class StepProgress(StepWriter writer, StepState step, string fence, CancellationToken ct) : IProgress<int>
{
    private readonly Lock _gate = new();
    private int _latest;
    private int _written;
    private int _notifiedDecile;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private Task _pending = Task.CompletedTask;
    private bool _stopped;

    public void Report(int value)
    {
        lock (_gate)
        {
            _latest = Math.Clamp(value, 0, 99);
            var now = writer.Time.GetUtcNow();
            if (_stopped || _latest <= _written || now - _lastWrite < StepWriter.ProgressInterval || !_pending.IsCompleted) return;
            _lastWrite = now;
            _pending = WriteAsync(_latest);
        }
    }

    /// <summary>Waits for an in-flight progress write so the step's next write sees its version.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            return _pending;
        }
    }

    private async Task WriteAsync(int value)
    {
        var decile = value / 10;
        var notify = decile > _notifiedDecile;
        try
        {
            var t = writer.ProgressTransition(step.Current, value, notify);
            var stored = await writer.CommitAsync(step, t, fence, ct);
            if (stored is null)
            {
                lock (_gate) _stopped = true;
                return;
            }
            _written = value;
            if (notify) _notifiedDecile = decile;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
