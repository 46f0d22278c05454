namespace Reelay.Emulation;

/// <summary>
/// One task of an emulator. Its whole life is fixed at creation — queued until <see cref="StartsAt"/>, running until
/// <see cref="EndsAt"/>, then its <see cref="Outcome"/> — so its state at any instant is computed, never stored: no timer
/// or background work per task. A provider's task derives from it and adds its request and wire shape.
/// </summary>
internal abstract class TimedTask
{
    private int _statusCalls;

    /// <summary>The id the emulator assigned (the provider's task, job set or generation id).</summary>
    public required string Id { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it leaves the queue; equal to <see cref="SubmittedAt"/> for a provider that shows no queue.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public required EmulatedOutcome Outcome { get; init; }

    /// <summary>Authenticated status reads answered for this task.</summary>
    public int StatusCalls => Volatile.Read(ref _statusCalls);

    public void CountStatusCall() => Interlocked.Increment(ref _statusCalls);

    public bool Running(DateTimeOffset now) => now < EndsAt;

    public bool Succeeded(DateTimeOffset now) => now >= EndsAt && Outcome == EmulatedOutcome.Succeed;

    /// <summary>How far the running part has come at <paramref name="now"/>, from 0 to 1.</summary>
    public double DoneAt(DateTimeOffset now) =>
        now <= StartsAt ? 0 : now >= EndsAt ? 1 : (now - StartsAt) / (EndsAt - StartsAt);
}
