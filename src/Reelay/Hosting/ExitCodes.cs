namespace Reelay.Hosting;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int JobFailed = 1;
    /// <summary><c>reelay doctor</c> found an inconsistency.</summary>
    public const int CheckFailed = 1;
    public const int Usage = 2;
    public const int Unavailable = 3;
}
