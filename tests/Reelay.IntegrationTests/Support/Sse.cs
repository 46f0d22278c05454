namespace Reelay.IntegrationTests.Support;

/// <summary>Reads a server-sent event stream to its end (the server closes it after a terminal event).</summary>
public static class Sse
{
    public sealed record Message(string Id, string Event, string Data);

    public static async Task<List<Message>> ReadAllAsync(HttpResponseMessage response, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        using var reader = new StreamReader(stream);
        var messages = new List<Message>();
        string? id = null, ev = null, data = null;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null) messages.Add(new Message(id ?? "", ev ?? "message", data));
                id = ev = data = null;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) ev = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
        return messages;
    }
}
