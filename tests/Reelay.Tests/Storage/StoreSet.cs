using Reelay.Accounts;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

/// <summary>The stores of one backend opened over one location, as a node would hold them.</summary>
/// <param name="CloseAsync">Releases what the set holds (connections, pools); the location stays.</param>
public sealed record StoreSet(IJobStore Jobs, IWebhookOutbox Outbox, IKeyStore Keys, IUploadStore Uploads, IRetentionStore Retention, Func<ValueTask> CloseAsync);
