using Reelay.Credits;
using Reelay.Jobs;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class JobCostTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static VideoJob Job(decimal? credits) => new()
    {
        Id = "vid_1",
        OwnerKeyId = Guid.Empty.ToString(),
        Request = new VideoRequest { Model = "local", DurationSeconds = 5 },
        Engine = "local",
        CreatedAt = T0,
        UpdatedAt = T0,
        DeadlineAt = T0.AddHours(1),
        NextRunAt = T0,
        Credits = credits,
    };

    private static LedgerEntry Entry(LedgerKind kind, decimal amount) => new(Guid.Empty.ToString(), kind, amount, "vid_1", "local", T0);

    [Fact]
    public void Describe_Reserved_SaysReserved() =>
        Assert.Equal("1.5 credits · reserved until the job ends", JobCost.Describe(Job(1.5m), [Entry(LedgerKind.Reserve, -1.5m)]));

    [Fact]
    public void Describe_Settled_SaysCharged() =>
        Assert.Equal("1 credit · settled (charged)", JobCost.Describe(Job(1m), [Entry(LedgerKind.Reserve, -1m), Entry(LedgerKind.Settle, 0m)]));

    [Fact]
    public void Describe_Refunded_SaysRefunded() =>
        Assert.Equal("2 credits · refunded", JobCost.Describe(Job(2m), [Entry(LedgerKind.Reserve, -2m), Entry(LedgerKind.Refund, 2m)]));

    [Fact]
    public void Describe_NoPrice_SaysSo() =>
        Assert.StartsWith("no price", JobCost.Describe(Job(null), []), StringComparison.Ordinal);
}
