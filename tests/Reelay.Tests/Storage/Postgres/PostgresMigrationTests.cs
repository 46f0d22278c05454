using Reelay.TestSupport;

namespace Reelay.Tests.Storage.Postgres;

/// <summary>Nodes migrating one PostgreSQL database at the same time.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task MigrateAsync_ThreeNodesRacingOnFreshSchema_EachScriptAppliedOnce()
    {
        await using var schema = await PostgresTestSchema.CreateAsync(server, "migrations");
        var nodes = Enumerable.Range(0, 3).Select(_ => schema.Open()).ToList();

        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Jobs.MigrateAsync(CancellationToken.None))));

        Assert.Equal(1L, await schema.ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE version = 1"));
        Assert.Equal(0L, await schema.ScalarAsync("SELECT COUNT(*) FROM (SELECT version FROM schema_migrations GROUP BY version HAVING COUNT(*) > 1) d"));
        Assert.Equal(0L, await schema.ScalarAsync("SELECT COUNT(*) FROM jobs"));
        Assert.True(await nodes[2].Jobs.PingAsync(CancellationToken.None));
    }

}
