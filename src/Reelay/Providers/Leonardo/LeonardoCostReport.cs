using System.Globalization;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// The cost a Leonardo create reports: what Reelay charges for the job (its price snapshotted at creation), as
/// <c>cost.amount</c> (decimal string, unit CREDITS) and as <c>apiCreditCost</c> when it is a whole number (null otherwise,
/// as the schema allows). Jobs without a price fall back to <see cref="LeonardoCostRule"/>.
/// </summary>
public static class LeonardoCostReport
{
    public static LeonardoMotionJob For(VideoJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var credits = job.Credits ?? LeonardoCostRule.Credits(job.Request.DurationSeconds, job.Request.Mode == VideoMode.Pro ? 1080 : 720);
        int? whole = decimal.Truncate(credits) == credits && credits <= int.MaxValue ? (int)credits : null;
        return new LeonardoMotionJob(job.Id, whole, new LeonardoCost(credits.ToString("0.######", CultureInfo.InvariantCulture), "CREDITS"));
    }
}
