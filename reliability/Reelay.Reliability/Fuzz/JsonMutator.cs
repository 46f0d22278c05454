using System.Text;
using System.Text.Json.Nodes;

namespace Reelay.Reliability.Fuzz;

/// <summary>Turns a valid body into a hostile one: one seeded mutation per request, most of them near-valid JSON.</summary>
public sealed class JsonMutator(Random random, FuzzWorld world)
{
    private static readonly string[] UrlishNames = ["image", "url", "callback", "webhook", "tail", "end", "start", "input"];

    /// <summary>The body bytes and a short label of the mutation (for findings).</summary>
    public (byte[] Body, string Mutation) Mutate(string seed)
    {
        var text = Fill(seed);
        var roll = random.Next(100);
        if (roll < 12) return (Encoding.UTF8.GetBytes(text), "valid");
        if (roll < 82)
        {
            var root = JsonNode.Parse(text)!;
            var label = roll switch
            {
                < 47 => SetField(root),
                < 55 => RemoveField(root),
                < 63 => AddField(root),
                _ => SetUrlish(root),
            };
            return (Encoding.UTF8.GetBytes(root.ToJsonString()), label);
        }
        return roll switch
        {
            < 86 => (Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]), "truncated"),
            < 89 => (Deep(random.Next(2) == 0 ? 200 : 20_000), "deeply nested"),
            < 91 => (Bytes(random.Next(1, 4096)), "random bytes"),
            < 93 => ([], "empty"),
            < 95 => (Encoding.UTF8.GetBytes("\uFEFF" + text), "BOM"),
            < 97 => (Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "[]", 1 => "\"text\"", _ => "12345" }), "wrong root"),
            < 99 => (Encoding.UTF8.GetBytes(text.Replace("\"prompt\"", "\"prompt\":1,\"prompt\"", StringComparison.Ordinal)), "duplicate key"),
            // Rare: megabytes each, beyond and just below Reelay:MaxRequestBodyBytes.
            _ when random.Next(10) == 0 => (Encoding.UTF8.GetBytes(text.TrimEnd('}') + ",\"pad\":\"" + new string('p', random.Next(1, 3) * 8 * 1024 * 1024) + "\"}"), "oversized"),
            _ => (Encoding.UTF8.GetBytes("{\"a\":" + new string('9', 5000) + "}"), "huge number"),
        };
    }

    public string Fill(string seed) => seed
        .Replace("{B64}", world.ValidPngBase64, StringComparison.Ordinal)
        .Replace("{DATA_URI}", "data:image/png;base64," + world.ValidPngBase64, StringComparison.Ordinal)
        .Replace("{JOB}", Pick(world.OwnJobIds), StringComparison.Ordinal)
        .Replace("{OTHER}", Pick(world.OtherJobIds), StringComparison.Ordinal)
        .Replace("{UUID}", Guid.NewGuid().ToString("D"), StringComparison.Ordinal);

    private string Pick(IReadOnlyList<string> ids) => ids.Count == 0 ? Guid.NewGuid().ToString() : ids[random.Next(ids.Count)];

    private JsonNode? Hostile()
    {
        return HostileValues.Json[random.Next(HostileValues.Json.Length)]?.DeepClone();
    }

    private string SetField(JsonNode root)
    {
        var (parent, name) = PickMember(root);
        if (parent is null) return "no field";
        parent[name] = Hostile();
        return $"{name} = hostile";
    }

    private string RemoveField(JsonNode root)
    {
        var (parent, name) = PickMember(root);
        if (parent is null) return "no field";
        parent.Remove(name);
        return $"{name} removed";
    }

    private string AddField(JsonNode root)
    {
        if (root is not JsonObject o) return "not an object";
        var name = random.Next(4) switch { 0 => "__proto__", 1 => "unknown_" + random.Next(100), 2 => "", _ => "\u0000x" };
        o[name] = Hostile();
        return $"added '{name}'";
    }

    private string SetUrlish(JsonNode root)
    {
        var members = Members(root).Where(m => UrlishNames.Any(n => m.Name.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (members.Count == 0) return SetField(root);
        var (parent, name) = members[random.Next(members.Count)];
        var images = world.HostileImages;
        parent[name] = random.Next(3) switch
        {
            0 => HostileValues.Urls[random.Next(HostileValues.Urls.Length)],
            1 => Convert.ToBase64String(images[random.Next(images.Count)]),
            _ => "data:image/png;base64," + Convert.ToBase64String(images[random.Next(images.Count)]),
        };
        return $"{name} = hostile image/url";
    }

    private (JsonObject? Parent, string Name) PickMember(JsonNode root)
    {
        var members = Members(root).ToList();
        return members.Count == 0 ? (null, "") : members[random.Next(members.Count)];
    }

    private static IEnumerable<(JsonObject Parent, string Name)> Members(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var (name, value) in o.ToList())
            {
                yield return (o, name);
                foreach (var inner in Members(value)) yield return inner;
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a.ToList())
                foreach (var inner in Members(item)) yield return inner;
        }
    }

    private static byte[] Deep(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));

    private byte[] Bytes(int n)
    {
        var b = new byte[n];
        random.NextBytes(b);
        return b;
    }
}
