namespace Reelay.Emulation;

/// <summary>
/// One notification an emulator owes a caller: the task it is about, where it goes, when it falls due, the headers the
/// provider sends, and the body — built only when it is sent, so it reports the task as it stood at <see cref="DueAt"/>
/// with links that are fresh at send time.
/// </summary>
internal sealed record EmulatorWebhook(string TaskId, string Url, DateTimeOffset DueAt, Func<byte[]> Body,
    IReadOnlyDictionary<string, string>? Headers = null);
