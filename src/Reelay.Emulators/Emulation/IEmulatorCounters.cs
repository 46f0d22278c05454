namespace Reelay.Emulation;

/// <summary>What every emulator counts, so tests wait on and assert the same numbers whichever provider they drive.</summary>
internal interface IEmulatorCounters
{
    /// <summary>Authenticated create requests, whatever their outcome.</summary>
    int CreateRequests { get; }

    /// <summary>Tasks created (each one the real API would charge for).</summary>
    int Created { get; }

    /// <summary>Authenticated status reads (queries, polls, fetches), found or not.</summary>
    int StatusCalls { get; }

    /// <summary>Authenticated status reads answered for one task.</summary>
    int StatusCallsFor(string id);

    /// <summary>Tasks not yet ended at <paramref name="now"/>.</summary>
    int InFlight(DateTimeOffset now);
}
