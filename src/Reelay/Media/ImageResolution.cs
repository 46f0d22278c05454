namespace Reelay.Media;

/// <summary>Either a stored reference (<c>blob:inputs/...</c>) or a message saying why the image was refused.</summary>
public sealed record ImageResolution(string? Reference, string? Error)
{
    public static ImageResolution Ok(string reference) => new(reference, null);
    public static ImageResolution Fail(string error) => new(null, error);
}
