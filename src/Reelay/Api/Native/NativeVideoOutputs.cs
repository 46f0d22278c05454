namespace Reelay.Api.Native;

public sealed record NativeVideoOutputs(NativeOutputFile Raw, NativeOutputFile Min, NativeOutputFile Poster);
