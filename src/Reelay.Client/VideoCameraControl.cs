namespace Reelay.Client;

/// <summary>Requested camera movement.</summary>
/// <param name="Type">A preset name (e.g. <c>down_back</c>, <c>forward_up</c>) or <c>simple</c> with <paramref name="Config"/>.</param>
public sealed record VideoCameraControl(string Type, VideoCameraConfig? Config = null);
