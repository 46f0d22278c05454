namespace Reelay.Emulation;

/// <summary>A provider emulator's routes and shapes: what it adds to the server every emulator shares.</summary>
public interface IEmulatorApi
{
    void Map(WebApplication app);
}
