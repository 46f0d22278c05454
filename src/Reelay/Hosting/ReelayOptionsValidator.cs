using Microsoft.Extensions.Options;

namespace Reelay.Hosting;

/// <summary>Checks <see cref="ReelayOptions"/> at start; each failure names the setting as it is written in configuration.</summary>
public sealed class ReelayOptionsValidator : IValidateOptions<ReelayOptions>
{
    public ValidateOptionsResult Validate(string? name, ReelayOptions o)
    {
        var errors = new List<string>();
        void Check(bool ok, string setting, string rule, object? value)
        {
            if (!ok) errors.Add($"Reelay:{setting} {rule} (was '{value}').");
        }

        Check(!string.IsNullOrWhiteSpace(o.DataDir), "DataDir", "must name a directory", o.DataDir);
        Check(o.PublicBaseUrl is null || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
            "PublicBaseUrl", "must be an absolute http(s) URL", o.PublicBaseUrl);
        Check(o.DefaultEngine is "local" or "noop", "DefaultEngine", "must be 'local' or 'noop'", o.DefaultEngine);
        Check(o.DefaultEngine != "noop" || o.EnableNoopEngine, "DefaultEngine", "may be 'noop' only with Reelay:EnableNoopEngine=true", o.DefaultEngine);
        Check(o.ModelCatalogPath is null || File.Exists(o.ModelCatalogPath), "ModelCatalogPath", "must name an existing file", o.ModelCatalogPath);
        Check(o.MaxRequestBodyBytes is >= 1024 and <= 1L << 30, "MaxRequestBodyBytes", "must be between 1024 and 1073741824", o.MaxRequestBodyBytes);
        var r = o.Retention;
        Check(r.Results > TimeSpan.Zero, "Retention:Results", "must be positive", r.Results);
        Check(r.Records >= r.Results, "Retention:Records", "must be at least Retention:Results", r.Records);
        Check(r.Interval >= TimeSpan.FromSeconds(1), "Retention:Interval", "must be at least 00:00:01", r.Interval);
        Check(r.BatchSize is >= 1 and <= 10000, "Retention:BatchSize", "must be between 1 and 10000", r.BatchSize);

        var s = o.Scheduler;
        Check(s.MaxConcurrency is >= 1 and <= 1024, "Scheduler:MaxConcurrency", "must be between 1 and 1024", s.MaxConcurrency);
        Check(s.LeaseDuration >= TimeSpan.FromSeconds(1), "Scheduler:LeaseDuration", "must be at least 00:00:01", s.LeaseDuration);
        Check(s.IdlePollInterval > TimeSpan.Zero, "Scheduler:IdlePollInterval", "must be positive", s.IdlePollInterval);
        Check(s.JobDeadline >= TimeSpan.FromSeconds(1), "Scheduler:JobDeadline", "must be at least 00:00:01", s.JobDeadline);
        Check(s.RetryDelay > TimeSpan.Zero, "Scheduler:RetryDelay", "must be positive", s.RetryDelay);

        var sec = o.Security;
        Check(sec.MasterKey is null || MasterKeyBytes(sec.MasterKey) is { Length: >= 32 }, "Security:MasterKey", "must be base64 of at least 32 bytes", "***");
        Check(sec.SignedUrlTtl >= TimeSpan.FromMinutes(1), "Security:SignedUrlTtl", "must be at least 00:01:00", sec.SignedUrlTtl);

        var st = o.Storage;
        Check(st.Provider is "sqlite" or "postgres", "Storage:Provider", "must be 'sqlite' or 'postgres'", st.Provider);
        Check(st.Provider != "postgres" || IsConnectionString(st.Postgres.ConnectionString),
            "Storage:Postgres:ConnectionString", "must be an Npgsql connection string with a Host when Reelay:Storage:Provider is 'postgres'", "***");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        try { return !string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(value).Host); }
        catch (ArgumentException) { return false; }
    }

    private static byte[]? MasterKeyBytes(string value)
    {
        try { return Convert.FromBase64String(value); }
        catch (FormatException) { return null; }
    }
}
