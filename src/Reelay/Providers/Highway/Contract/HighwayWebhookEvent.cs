namespace Reelay.Providers.Highway.Contract;

/// <summary>The webhook body: <c>{"event_type":"ASYNC_TASK_RESULT","payload":&lt;task result&gt;}</c>.</summary>
public sealed record HighwayWebhookEvent(string EventType, HighwayTaskResult Payload)
{
    public const string AsyncTaskResult = "ASYNC_TASK_RESULT";
}
