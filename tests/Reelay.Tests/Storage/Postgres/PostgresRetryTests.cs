using Npgsql;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Storage.Postgres;
using Reelay.TestSupport;

namespace Reelay.Tests.Storage.Postgres;

/// <summary>Transient failures (here: the server terminating every connection) are retried on fresh connections.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRetryTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task RawPooledConnection_AfterBackendsTerminated_Fails()
    {
        // The control for the tests below: without the store's retry the killed pooled connection surfaces.
        await using var schema = await PostgresTestSchema.CreateAsync(server, "retry");
        var node = await schema.OpenMigratedAsync();
        Assert.True(await node.Jobs.PingAsync(Ct));
        await TerminateConnectionsAsync(schema);

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = await node.Database.DataSource.OpenConnectionAsync(Ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(Ct);
        });
    }

    [Fact]
    public async Task GetAsync_PooledConnectionsTerminated_SucceedsOnRetry()
    {
        await using var schema = await PostgresTestSchema.CreateAsync(server, "retry");
        var node = await schema.OpenMigratedAsync();
        var job = (await node.Jobs.CreateAsync(NewJob(), Ct)).Job;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => node.Jobs.GetAsync(job.Id, Ct)));
        await TerminateConnectionsAsync(schema);

        var read = await node.Jobs.GetAsync(job.Id, Ct);

        Assert.Equal(job.Id, read?.Id);
    }

    [Fact]
    public async Task TryUpdateAsync_PooledConnectionsTerminated_CommitsOnce()
    {
        await using var schema = await PostgresTestSchema.CreateAsync(server, "retry");
        var node = await schema.OpenMigratedAsync();
        var job = (await node.Jobs.CreateAsync(NewJob(), Ct)).Job;
        await TerminateConnectionsAsync(schema);

        var updated = await node.Jobs.TryUpdateAsync(job with { Progress = 50 }, null, [], [], Ct);

        Assert.Equal(job.Version + 1, updated?.Version);
        Assert.Equal(50, (await node.Jobs.GetAsync(job.Id, Ct))!.Progress);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("idem-1")]
    public async Task CreateAsync_RepeatedAfterFirstTryCommitted_ReturnsCreatedAndStoresOnce(string? idempotencyKey)
    {
        // What a retry sees when the first try's commit went through but its answer was lost.
        await using var schema = await PostgresTestSchema.CreateAsync(server, "retry");
        var node = await schema.OpenMigratedAsync();
        var job = NewJob() with { IdempotencyKey = idempotencyKey, RequestHash = "h1" };
        await node.Jobs.CreateAsync(job, Ct);

        var again = await node.Jobs.CreateAsync(job, Ct);

        Assert.Equal(CreateOutcome.Created, again.Outcome);
        Assert.Equal(job.Id, again.Job.Id);
        Assert.Single(await node.Jobs.GetEventsAsync(job.Id, 0, Ct));
    }

    [Fact]
    public async Task CreateAsync_OtherJobUnderSameId_Throws()
    {
        await using var schema = await PostgresTestSchema.CreateAsync(server, "retry");
        var node = await schema.OpenMigratedAsync();
        var job = NewJob();
        await node.Jobs.CreateAsync(job, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            node.Jobs.CreateAsync(job with { Request = job.Request with { Prompt = "something else" } }, Ct));
    }

    private static async Task TerminateConnectionsAsync(PostgresTestSchema schema)
    {
        var terminated = await schema.ScalarAsync("""
            SELECT COUNT(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """);
        Assert.True(terminated is >= 1L, "no pooled connection was open to terminate");
    }

    private static VideoJob NewJob() => TestJobs.Queued(Guid.CreateVersion7().ToString(), T0);
}
