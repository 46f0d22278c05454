namespace Reelay.Jobs;

/// <summary>Kling quality mode: <c>std</c> (720p class) or <c>pro</c> (1080p class).</summary>
public enum VideoMode
{
    Std,
    Pro,
}
