namespace Reelay.Credits;

/// <summary>
/// Usage of one group. Counted from ledger entries in the period: a job counts where its reservation falls, its refund
/// where the refund falls. <see cref="Charged"/> = reserved − refunded (reservations of unfinished jobs included).
/// </summary>
/// <param name="Group">The UTC day (yyyy-MM-dd), model or key id; "" for entries without a model (top-ups).</param>
public sealed record UsageRow(string Group, long Jobs, long Settled, long Refunds, decimal Reserved, decimal Refunded, decimal TopUps)
{
    public decimal Charged => Reserved - Refunded;
}
