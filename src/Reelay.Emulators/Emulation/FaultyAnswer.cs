namespace Reelay.Emulation;

/// <summary>
/// A JSON success answer as an <see cref="IResult"/>, written through <see cref="FaultInjector"/>: for emulators whose
/// handlers return results. With <c>holdFirst</c> (a create whose task already exists) the create-timeout hang comes first.
/// </summary>
internal sealed class FaultyAnswer(FaultInjector faults, byte[] json, bool holdFirst = false) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (holdFirst && !await faults.HoldCreateAnswerAsync(httpContext)) return;
        await faults.AnswerAsync(httpContext, json);
    }
}
