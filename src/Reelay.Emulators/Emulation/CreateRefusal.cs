namespace Reelay.Emulation;

/// <summary>Why an emulated create is refused before any task exists; each provider answers it in its own error shape.</summary>
internal enum CreateRefusal
{
    None,
    RateLimited,
    OutOfCredit,
    ServerError,
    Unavailable,
}
