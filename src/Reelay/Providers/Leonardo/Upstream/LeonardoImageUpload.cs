namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>A stored input image a submit must upload first: which frame it is, its blob key and file extension.</summary>
internal sealed record LeonardoImageUpload(string Role, string BlobKey, string Extension);
