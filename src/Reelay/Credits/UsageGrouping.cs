namespace Reelay.Credits;

/// <summary>How usage rows are grouped: by UTC day of the ledger entry, by model, or by key.</summary>
public enum UsageGrouping
{
    Day,
    Model,
    Key,
}
