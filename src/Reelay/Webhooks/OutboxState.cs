using Reelay.Storage;
namespace Reelay.Webhooks;

public enum OutboxState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,
    /// <summary>A 2xx was received.</summary>
    Delivered,
    /// <summary>The retry schedule is exhausted, or the receiver answered 410 Gone.</summary>
    Failed,
}
