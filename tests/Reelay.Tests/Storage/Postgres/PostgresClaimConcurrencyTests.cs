using System.Collections.Concurrent;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Storage.Postgres;
using Reelay.TestSupport;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage.Postgres;

/// <summary>Claims from several nodes (separate pools and connections) racing on one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClaimConcurrencyTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ClaimDueAsync_FourNodesRacingOver500Jobs_EachJobLeasedToExactlyOneOwner()
    {
        await using var schema = await PostgresTestSchema.CreateAsync(server, "claims");
        var nodes = new List<PostgresStorage> { await schema.OpenMigratedAsync() };
        for (var i = 1; i < 4; i++) nodes.Add(schema.Open());
        var ids = Enumerable.Range(0, 500).Select(i => Guid.CreateVersion7(T0.AddMilliseconds(i)).ToString()).ToList();
        await Task.WhenAll(ids.Chunk(125).Select((chunk, n) => Task.Run(async () =>
        {
            foreach (var id in chunk) await nodes[n].Jobs.CreateAsync(NewJob(id), Ct);
        })));
        var claims = new ConcurrentBag<(string Owner, string Id, string Token)>();

        await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
        {
            var owner = $"node-{n}";
            // Bounded, so a store that hands out leased jobs again fails instead of looping forever.
            for (var round = 0; round < 200; round++)
            {
                var batch = await node.Jobs.ClaimDueAsync(owner, T0, Lease, 9, Ct);
                if (batch.Count == 0) return;
                foreach (var job in batch) claims.Add((owner, job.Id, job.LeaseToken!));
            }
        })));

        Assert.Equal(500, claims.Count);
        Assert.Equal(ids.Order(), claims.Select(c => c.Id).Order());
        Assert.True(claims.Select(c => c.Owner).Distinct().Count() > 1, "the claims were not spread over several nodes");
        var stored = (await nodes[0].Jobs.ListAsync(new JobQuery("key-a", Limit: 1000), Ct)).ToDictionary(j => j.Id);
        foreach (var (owner, id, token) in claims)
        {
            Assert.Equal(owner, stored[id].LeaseOwner);
            Assert.Equal(token, stored[id].LeaseToken);
            Assert.Equal(1, stored[id].Attempts);
        }
    }

    [Fact]
    public async Task OutboxClaimDueAsync_ThreeDispatchersRacing_EachMessageLeasedOnce()
    {
        await using var schema = await PostgresTestSchema.CreateAsync(server, "claims");
        var nodes = new List<PostgresStorage> { await schema.OpenMigratedAsync(), schema.Open(), schema.Open() };
        var job = (await nodes[0].Jobs.CreateAsync(NewJob(Guid.CreateVersion7(T0).ToString()), Ct)).Job;
        var messages = Enumerable.Range(0, 150).Select(i => new WebhookMessage(
            $"msg_{i:D3}", job.Id, job.OwnerKeyId, WebhookEvents.Completed, "https://hooks.example.com/in", "{}", T0.AddMilliseconds(i))).ToList();
        Assert.NotNull(await nodes[0].Jobs.TryUpdateAsync(job, null, [], messages, Ct));
        var claims = new ConcurrentBag<string>();

        await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
        {
            for (var round = 0; round < 100; round++)
            {
                var batch = await node.Outbox.ClaimDueAsync($"d{n}", T0.AddMinutes(1), Lease, 4, Ct);
                if (batch.Count == 0) return;
                foreach (var entry in batch) claims.Add(entry.Message.Id);
            }
        })));

        Assert.Equal(messages.Select(m => m.Id).Order(), claims.Order());
    }

    private static VideoJob NewJob(string id) => TestJobs.Queued(id, T0);
}
