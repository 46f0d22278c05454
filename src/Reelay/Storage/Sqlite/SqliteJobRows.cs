using Microsoft.Data.Sqlite;
using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary>SQLite reading and binding of job rows; the mapping itself is <see cref="JobRows"/>.</summary>
internal static class SqliteJobRows
{
    /// <summary>Binds every column of a prepared job as $name parameters (and $external_id, derived from the request).</summary>
    public static SqliteCommand BindJob(this SqliteCommand command, PreparedJob prepared) => command.Bind(JobRows.Parameters(prepared));

    public static List<VideoJob> ReadJobs(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return JobRows.ReadJobs(reader);
    }
}
