namespace Reelay.Storage.Blobs;

/// <summary>The shape of a blob key: relative, '/'-separated segments of [A-Za-z0-9._-], none of them dot-only.</summary>
public static class BlobKeys
{
    public const string ReferencePrefix = "blob:";

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512 || key[0] == '/') return false;
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment.Trim('.').Length == 0) return false;
            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) return false;
            }
        }
        return true;
    }

    /// <summary>The key of a <c>blob:</c> reference stored on a request, or null for other strings.</summary>
    public static string? FromReference(string? reference) =>
        reference is not null && reference.StartsWith(ReferencePrefix, StringComparison.Ordinal) && IsValid(reference[ReferencePrefix.Length..])
            ? reference[ReferencePrefix.Length..]
            : null;
}
