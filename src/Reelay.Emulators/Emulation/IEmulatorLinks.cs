namespace Reelay.Emulation;

/// <summary>An emulator API that sends links out of band (in callbacks, polling URLs): it learns its origin once bound.</summary>
public interface IEmulatorLinks
{
    /// <summary>Origin of those links (<c>http://host:port</c>); the emulator's PublicBaseUrl option wins over it.</summary>
    string BaseUrl { get; set; }
}
