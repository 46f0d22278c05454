using System.CommandLine;

namespace Reelay.Emulation;

/// <summary>A provider emulator's <c>reelay emulate &lt;provider&gt;</c> command; each lives in its provider's emulator folder.</summary>
public interface IEmulatorCommand
{
    Command Create();
}
