using System.Text.Json;

namespace Reelay.Api;

/// <summary>Reads a request body as a JSON document with size and depth limits; failures are results, not exceptions.</summary>
public static class RequestBodies
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses the body; on failure returns the error text and whether it was the size limit.</summary>
    public static async Task<(JsonDocument? Document, string? Error, bool TooLarge)> ReadJsonAsync(HttpRequest request, bool lenient = false)
    {
        try
        {
            var doc = await JsonDocument.ParseAsync(request.Body, lenient ? Lenient : Options, request.HttpContext.RequestAborted);
            return (doc, null, false);
        }
        catch (JsonException ex)
        {
            return (null, $"The body is not valid JSON: {ex.Message}", false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ex.Message, true);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.Message, false);
        }
    }
}
