using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task ListAsync_OwnerFilter_ReturnsOnlyThatOwnersJobsNewestFirst()
    {
        var a1 = await CreatedAsync(NewJob("key-a"));
        await CreatedAsync(NewJob("key-b"));
        var a2 = await CreatedAsync(NewJob("key-a"));

        var page = await Jobs.ListAsync(new JobQuery("key-a"), Ct);

        Assert.Equal([a2.Id, a1.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_NoOwner_ReturnsAllOwners()
    {
        await CreatedAsync(NewJob("key-a"));
        await CreatedAsync(NewJob("key-b"));

        Assert.Equal(2, (await Jobs.ListAsync(new JobQuery(null), Ct)).Count);
    }

    [Fact]
    public async Task ListAsync_StatusFilter_ReturnsOnlyThatStatus()
    {
        await CreatedAsync(NewJob());
        var done = await CreatedAsync(NewJob() with { Status = JobStatus.Succeeded, Stage = JobStage.Done });
        await CreatedAsync(NewJob("key-b") with { Status = JobStatus.Succeeded, Stage = JobStage.Done });

        var page = await Jobs.ListAsync(new JobQuery("key-a", JobStatus.Succeeded), Ct);

        Assert.Equal([done.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_CursorPages_CoverAllJobsNewestFirstWithoutGapsOrDuplicates()
    {
        var expected = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var mine = await CreatedAsync(NewJob("key-a"));
            expected.Add(mine.Id);
            await CreatedAsync(NewJob("key-b"));
        }
        expected.Reverse();

        var seen = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = await Jobs.ListAsync(new JobQuery("key-a", BeforeId: cursor, Limit: 5), Ct);
            Assert.True(page.Count <= 5);
            if (page.Count == 0) break;
            seen.AddRange(page.Select(j => j.Id));
            cursor = page[^1].Id;
        }

        Assert.Equal(expected, seen);
    }
}
