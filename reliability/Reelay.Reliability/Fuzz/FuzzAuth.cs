namespace Reelay.Reliability.Fuzz;

/// <summary>How a fuzzed request authenticates.</summary>
public enum FuzzAuth
{
    Own,
    OtherUser,
    Admin,
    None,
    Garbage,
    Revoked,
    /// <summary>Right key id, wrong secret; for Kling also unsigned (alg none), expired and not-yet-valid tokens.</summary>
    Forged,
}
