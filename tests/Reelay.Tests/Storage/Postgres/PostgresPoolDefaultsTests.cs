using Npgsql;
using Reelay.Storage.Postgres;

namespace Reelay.Tests.Storage.Postgres;

public sealed class PostgresPoolDefaultsTests
{
    [Fact]
    public void WithPoolDefaults_PlainConnectionString_SkipsResetAndAutoPrepares()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDatabase.WithPoolDefaults("Host=db;Username=reelay;Database=reelay"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(32, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("reelay", tuned.Database);
    }

    [Fact]
    public void WithPoolDefaults_OperatorSettings_AreKept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresDatabase.WithPoolDefaults(
            "Host=db;No Reset On Close=false;MaxAutoPrepare=0;Auto Prepare Min Usages=7"));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.Equal(7, tuned.AutoPrepareMinUsages);
    }
}
