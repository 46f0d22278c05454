namespace Reelay.Emulation;

/// <summary>An <see cref="EmulatorServer"/> of a provider that sends webhooks (or callbacks): their counters, for tests to wait on.</summary>
public abstract class WebhookEmulatorServer : EmulatorServer
{
    private protected WebhookEmulatorServer(Started started) : base(started)
    {
        _ = RequiredWebhookLoop;
    }

    /// <summary>Webhooks delivered (any HTTP answer).</summary>
    public int WebhooksSent => RequiredWebhookLoop.Sent;

    /// <summary>Webhooks that could not be delivered (no connection, timeout, bad URL).</summary>
    public int WebhooksFailed => RequiredWebhookLoop.Failed;

    /// <summary>Scans of pending webhooks done so far (one per scan interval of the emulator's clock): a test waits on it instead of sleeping.</summary>
    public int WebhookScans => RequiredWebhookLoop.Scans;

    /// <summary>Webhooks scheduled and not yet due at the last scan.</summary>
    public int WebhooksPending => RequiredWebhookLoop.Pending;

    /// <summary>Webhooks ever scheduled (one per task end at most, none under the callbacks-never-come fault).</summary>
    public int WebhooksScheduled => RequiredWebhookLoop.Scheduled;
}
