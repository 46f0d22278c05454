namespace Reelay.Api.Native;

public sealed record NativeVideoError(string Code, string Message);
