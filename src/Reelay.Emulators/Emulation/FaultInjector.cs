using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reelay.Emulation;

/// <summary>
/// The fault-injection step every emulator's API runs through: refusals before a create, the hang after one, the
/// faults that replace a success answer (reset, truncated JSON, renamed members) and each task's outcome. All rolls
/// come from one seeded <see cref="FaultDice"/> in call order, so a serial client sees the same faults every run.
/// </summary>
internal sealed class FaultInjector(EmulatorFaults faults)
{
    private readonly FaultDice _dice = new(faults.Seed);

    public EmulatorFaults Faults => faults;

    public FaultDice Dice => _dice;

    /// <summary>Rolled before a task exists: rate limit first, then out of credit, then a 5xx (500 or 503, half each).</summary>
    public CreateRefusal RollCreateRefusal()
    {
        if (_dice.Roll(faults.Create429)) return CreateRefusal.RateLimited;
        if (_dice.Roll(faults.OutOfCredit)) return CreateRefusal.OutOfCredit;
        if (_dice.Roll(faults.Create5xx)) return _dice.Next() < 0.5 ? CreateRefusal.Unavailable : CreateRefusal.ServerError;
        return CreateRefusal.None;
    }

    /// <summary>How a new task will end.</summary>
    public EmulatedOutcome RollOutcome() =>
        _dice.Roll(faults.ContentRejected) ? EmulatedOutcome.ContentRejected
        : _dice.Roll(faults.FailTask) ? EmulatedOutcome.Failed
        : EmulatedOutcome.Succeed;

    /// <summary>
    /// Called after the task was created: on a timeout roll, holds the answer for <see cref="EmulatorFaults.CreateTimeoutDelay"/>.
    /// False when the client gave up (or the emulator stops) meanwhile: then nothing more may be written.
    /// </summary>
    public async Task<bool> HoldCreateAnswerAsync(HttpContext ctx)
    {
        if (!_dice.Roll(faults.CreateTimeout)) return true;
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, Stopping(ctx));
        try
        {
            await Task.Delay(faults.CreateTimeoutDelay, hang.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Fires when the emulator shuts down, so hangs and throttled transfers end with it.</summary>
    public static CancellationToken Stopping(HttpContext ctx) => ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>Writes a success answer through the answer faults: reset connection, truncated JSON, renamed members.</summary>
    public async Task AnswerAsync(HttpContext ctx, byte[] json, int status = StatusCodes.Status200OK)
    {
        if (_dice.Roll(faults.ConnectionReset))
        {
            ctx.Abort();
            return;
        }
        if (_dice.Roll(faults.MalformedJson)) json = json[..(json.Length / 2)];
        else if (_dice.Roll(faults.SchemaChanged)) json = RenameMembers(json);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(json, ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The same document with every member renamed to PascalCase (<c>task_status</c> → <c>TaskStatus</c>, <c>id</c> → <c>Id</c>).</summary>
    public static byte[] RenameMembers(byte[] json)
    {
        static JsonNode? Rename(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(Pascal(kv.Key), Rename(kv.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Rename)]),
            _ => node?.DeepClone(),
        };
        static string Pascal(string name) =>
            string.Concat(name.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return JsonSerializer.SerializeToUtf8Bytes(Rename(JsonNode.Parse(json)));
    }
}
