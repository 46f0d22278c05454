namespace Reelay.Storage.Rows;

/// <summary>
/// The job-list statements of both backends: one statement per combination of filters in use, so the planner can
/// walk (owner_key_id, id) or the primary key instead of evaluating "@x IS NULL OR ..." per row. Indexed by
/// <see cref="JobQuery.Shape"/>. Parameters are named owner, status, before, model, dialect, from, to, prompt.
/// </summary>
internal static class JobListSql
{
    /// <param name="p">The backend's parameter prefix ($ for SQLite, @ for PostgreSQL).</param>
    /// <param name="promptExpression">The backend's expression for the request's prompt text.</param>
    public static string[] Build(string trueLiteral, char p, string promptExpression) =>
    [
        .. Enumerable.Range(0, 256).Select(shape =>
            $"SELECT {JobRows.Columns} FROM jobs WHERE {trueLiteral}" +
            ((shape & 1) != 0 ? $" AND owner_key_id = {p}owner" : "") +
            ((shape & 2) != 0 ? $" AND status = {p}status" : "") +
            ((shape & 4) != 0 ? $" AND id < {p}before" : "") +
            ((shape & 8) != 0 ? $" AND model = {p}model" : "") +
            ((shape & 16) != 0 ? $" AND dialect = {p}dialect" : "") +
            ((shape & 32) != 0 ? $" AND created_at >= {p}from" : "") +
            ((shape & 64) != 0 ? $" AND created_at < {p}to" : "") +
            // strpos/instr, not LIKE: the caller's text needs no escaping of % and _.
            ((shape & 128) != 0 ? $" AND {promptExpression} > 0" : "") +
            $" ORDER BY id DESC LIMIT {p}limit"),
    ];
}
