namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task MigrateAsync_RunTwice_KeepsData()
    {
        var job = await CreatedAsync(NewJob());

        await Jobs.MigrateAsync(Ct);

        AssertSameJob(job, await GetRequiredAsync(job.Id));
    }

    [Fact]
    public async Task MigrateAsync_TwoNodesOnFreshLocationAtOnce_BothSucceedAndShareData()
    {
        var location = await NewLocationAsync();
        var nodeA = Open(location);
        var nodeB = Open(location);

        await Task.WhenAll(
            Task.Run(() => nodeA.Jobs.MigrateAsync(Ct)),
            Task.Run(() => nodeB.Jobs.MigrateAsync(Ct)));

        var job = NewJob();
        await nodeA.Jobs.CreateAsync(job, Ct);
        AssertSameJob(job, (await nodeB.Jobs.GetAsync(job.Id, Ct))!);
        Assert.True(await nodeB.Jobs.PingAsync(Ct));
    }

    [Fact]
    public async Task ClaimDueAsync_TwoNodes_NeverShareAJob()
    {
        var nodeB = Open();
        for (var i = 0; i < 40; i++) await CreatedAsync(NewJob());

        var batches = await Task.WhenAll(
            Task.Run(() => Jobs.ClaimDueAsync("node-a", T0, Lease, 25, Ct)),
            Task.Run(() => nodeB.Jobs.ClaimDueAsync("node-b", T0, Lease, 25, Ct)));

        var ids = batches.SelectMany(b => b).Select(j => j.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }
}
