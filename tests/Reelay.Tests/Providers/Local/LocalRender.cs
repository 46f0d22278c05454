using Reelay.Engines;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Local;

/// <summary>One local-engine run: its outcome, work directory and the progress it reported.</summary>
public sealed record LocalRender(EngineOutcome Outcome, string WorkDir, RecordingProgress Progress)
{
    /// <summary>The produced file; fails the test when the engine did not produce one.</summary>
    public string RawPath
    {
        get
        {
            Assert.True(Outcome.Kind == EngineOutcomeKind.Produced, $"{Outcome.Kind}: {Outcome.ErrorCode} {Outcome.ErrorMessage}");
            return Outcome.Result!.LocalPath!;
        }
    }
}
