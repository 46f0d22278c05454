using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    private VideoJob JobWith(string model = "kling-v2-1", string dialect = "native", string? prompt = "a red fox in snow", int minutes = 0, string owner = "key-a")
    {
        var job = TestJobs.Queued(NewId(), T0.AddMinutes(minutes), owner);
        return job with { Dialect = dialect, Request = job.Request with { Model = model, Prompt = prompt } };
    }

    [Fact]
    public async Task ListAsync_ModelFilter_ReturnsOnlyThatModel()
    {
        await CreatedAsync(JobWith(model: "kling-v2-1"));
        var wanted = await CreatedAsync(JobWith(model: "kling-v2-5-turbo"));

        var page = await Jobs.ListAsync(new JobQuery("key-a", Model: "kling-v2-5-turbo"), Ct);

        Assert.Equal([wanted.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_DialectFilter_ReturnsOnlyThatDialect()
    {
        await CreatedAsync(JobWith(dialect: "native"));
        var wanted = await CreatedAsync(JobWith(dialect: "kling"));

        var page = await Jobs.ListAsync(new JobQuery(null, Dialect: "kling"), Ct);

        Assert.Equal([wanted.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_CreatedRange_IncludesFromExcludesBefore()
    {
        await CreatedAsync(JobWith(minutes: 0));
        var atFrom = await CreatedAsync(JobWith(minutes: 10));
        var inside = await CreatedAsync(JobWith(minutes: 15));
        await CreatedAsync(JobWith(minutes: 20));

        var page = await Jobs.ListAsync(new JobQuery("key-a", CreatedFrom: T0.AddMinutes(10), CreatedBefore: T0.AddMinutes(20)), Ct);

        Assert.Equal([inside.Id, atFrom.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_PromptContains_MatchesSubstringIgnoringCaseAndTreatsWildcardsLiterally()
    {
        var fox = await CreatedAsync(JobWith(prompt: "A Red FOX in snow"));
        await CreatedAsync(JobWith(prompt: "a blue whale"));
        await CreatedAsync(JobWith(prompt: null));
        var percent = await CreatedAsync(JobWith(prompt: "100% cotton_shirt"));

        var foxes = await Jobs.ListAsync(new JobQuery("key-a", PromptContains: "red fox"), Ct);
        var literal = await Jobs.ListAsync(new JobQuery("key-a", PromptContains: "% cotton_"), Ct);
        var none = await Jobs.ListAsync(new JobQuery("key-a", PromptContains: "_"), Ct);

        Assert.Equal([fox.Id], foxes.Select(j => j.Id));
        Assert.Equal([percent.Id], literal.Select(j => j.Id));
        Assert.Equal([percent.Id], none.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_AllFiltersWithCursor_PagesThroughOnlyMatchingJobs()
    {
        var expected = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            expected.Add((await CreatedAsync(JobWith(model: "m1", dialect: "kling", prompt: $"cat {i}", minutes: i))).Id);
            await CreatedAsync(JobWith(model: "m2", dialect: "kling", prompt: $"cat {i}", minutes: i));
            await CreatedAsync(JobWith(model: "m1", dialect: "kling", prompt: $"cat {i}", minutes: i, owner: "key-b"));
            await CreatedAsync(JobWith(model: "m1", dialect: "kling", prompt: $"dog {i}", minutes: i));
        }
        expected.Reverse();

        var seen = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = await Jobs.ListAsync(new JobQuery("key-a", JobStatus.Queued, cursor, 3, "m1", "kling", T0, T0.AddHours(1), "CAT"), Ct);
            if (page.Count == 0) break;
            seen.AddRange(page.Select(j => j.Id));
            cursor = page[^1].Id;
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task RedeliverAsync_DeliveredMessage_BecomesDueAgainAndNextAttemptIsNumberedAfter()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);
        await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 1, T0.AddSeconds(1), 204), OutboxState.Delivered, null, Ct);

        var redelivered = await Outbox.RedeliverAsync(message.Id, T0.AddMinutes(5), Ct);
        var claimed = Assert.Single(await Outbox.ClaimDueAsync("d1", T0.AddMinutes(5), Lease, 10, Ct));
        await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 9, T0.AddMinutes(5), 200), OutboxState.Delivered, null, Ct);

        Assert.True(redelivered);
        Assert.Equal(OutboxState.Pending, claimed.State);
        Assert.Equal([1, 2], (await Outbox.GetAttemptsAsync(job.Id, Ct)).Select(a => a.Attempt));
        Assert.Equal(OutboxState.Delivered, Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct)).State);
    }

    [Fact]
    public async Task RedeliverAsync_UnknownMessage_ReturnsFalse()
    {
        Assert.False(await Outbox.RedeliverAsync("msg_missing", T0, Ct));
    }
}
