using System.Threading.Channels;

namespace Reelay.Webhooks;

/// <summary>
/// Wakes the dispatcher as soon as new webhook messages are committed, so delivery does not wait for the next poll.
/// Kicks coalesce: any number of kicks before the dispatcher looks cause one outbox poll, and a kick that arrives
/// while the dispatcher is busy is kept, so no wake-up is lost.
/// </summary>
public sealed class WebhookSignal
{
    private readonly Channel<bool> _kicks = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Call after committing a transition that enqueued webhooks. Never blocks.</summary>
    public void Kick() => _kicks.Writer.TryWrite(true);

    /// <summary>Consumes a pending kick, if any, without waiting.</summary>
    public bool TryConsume() => _kicks.Reader.TryRead(out _);

    /// <summary>Completes at the next kick (immediately if one is pending), consuming it.</summary>
    public async Task WaitAsync(CancellationToken ct) => await _kicks.Reader.ReadAsync(ct).ConfigureAwait(false);
}
