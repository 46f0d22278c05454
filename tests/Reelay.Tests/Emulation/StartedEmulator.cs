namespace Reelay.Tests.Emulation;

/// <summary>A running emulator as <see cref="EmulatorFaultContract"/> sees it: a client already authorised for it, and its create count.</summary>
public sealed class StartedEmulator(IAsyncDisposable emulator, HttpClient http, Func<int> totalCreates) : IAsyncDisposable
{
    public HttpClient Http { get; } = http;

    public Func<int> TotalCreates { get; } = totalCreates;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await emulator.DisposeAsync();
    }
}
