namespace Reelay.Emulation;

/// <summary>How an emulated task ends; decided at submit time, revealed when its timeline reaches the end.</summary>
internal enum EmulatedOutcome
{
    Succeed,
    Failed,
    ContentRejected,
}
