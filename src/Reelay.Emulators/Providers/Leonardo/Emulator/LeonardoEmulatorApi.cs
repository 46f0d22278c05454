using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Json;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Emulation;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Security;

namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>
/// The emulator's HTTP surface: Leonardo's init-image, generation create and read routes (same reader, validation and
/// error shapes as Reelay's inbound Leonardo dialect), the presigned upload-form route it points clients to (signed,
/// expiring fields; no bearer token), signed result downloads, and fault injection.
/// </summary>
internal sealed class LeonardoEmulatorApi(LeonardoEmulatorOptions options, TimeProvider time, EmulatorVideo video, FaultInjector faults) : IEmulatorApi, IEmulatorCounters
{
    private const string Base = LeonardoDialect.BasePath;

    private readonly ResultDownloads _results = new(video, faults, time);
    // A key made fresh per emulator: forms issued by another instance never verify.
    private readonly LeonardoUploadPolicy _uploadPolicy = new(new UrlSigner(new KeySecrets(RandomNumberGenerator.GetBytes(32))));
    private readonly Lock _lock = new();
    private readonly TimedTaskBook<EmulatedGeneration> _generations = new();
    private readonly Dictionary<string, EmulatedInitImage> _images = new(StringComparer.Ordinal);
    private int _createRequests;
    private int _initImages;
    private int _uploads;
    private int _polls;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int InitImages => Volatile.Read(ref _initImages);
    public int Uploads => Volatile.Read(ref _uploads);
    public int StatusCalls => Volatile.Read(ref _polls);

    public int Created => _generations.Created;

    public IReadOnlyList<LeonardoParsedRequest> Received => [.. _generations.All().Select(g => g.Request)];

    public EmulatedGeneration? Find(string id) => _generations.Find(id);

    public int StatusCallsFor(string id) => _generations.Find(id)?.StatusCalls ?? 0;

    public byte[]? UploadedBytes(string imageId) { lock (_lock) return _images.GetValueOrDefault(imageId)?.Bytes; }

    public int InFlight(DateTimeOffset now) => _generations.InFlight(now);

    public void Map(WebApplication app)
    {
        app.MapPost(Base + "/init-image", (Func<HttpContext, Task<IResult>>)InitImageAsync);
        app.MapPost(LeonardoUploadEndpoints.UploadPath + "/{id}", (HttpContext ctx, string id) => UploadAsync(ctx, id));
        app.MapPost(Base + "/generations-image-to-video", (Func<HttpContext, Task<IResult>>)(ctx => CreateAsync(ctx, imageToVideo: true)));
        app.MapPost(Base + "/generations-text-to-video", (Func<HttpContext, Task<IResult>>)(ctx => CreateAsync(ctx, imageToVideo: false)));
        app.MapGet(Base + "/generations/{id}", (HttpContext ctx, string id) => Generation(ctx, id));
        _results.Map(app, (id, now) => Find(id)?.StatusAt(now) == "COMPLETE");
        app.MapFallback(() => LeonardoResults.Error(StatusCodes.Status404NotFound, "not-found", "$", "no such route"));
    }

    private async Task<IResult> InitImageAsync(HttpContext ctx)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(ctx.Request);
        if (doc is null) return LeonardoResults.ParseError(error!);
        string extension;
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return LeonardoResults.ParseError("the body must be a JSON object");
            var typeErrors = new FieldErrors();
            var value = JsonFields.String(doc.RootElement, "extension", typeErrors, "$.extension");
            if (!typeErrors.IsEmpty) return LeonardoResults.FromFields(typeErrors, new FieldErrors());
            if (value is null) return LeonardoResults.Invalid("$.extension", "field 'extension' is required");
            extension = value.ToLowerInvariant();
            if (extension is not ("png" or "jpg" or "jpeg" or "webp"))
                return LeonardoResults.Invalid("$.extension", $"unexpected value '{value}'; expected one of png, jpg, jpeg, webp");
        }
        if (faults.Dice.Roll(options.InitImage5xx))
            return LeonardoResults.Error(StatusCodes.Status503ServiceUnavailable, "unexpected", "$", "service unavailable (emulated fault)");

        var image = new EmulatedInitImage { Id = Guid.NewGuid().ToString("D"), Extension = extension, ExpiresAt = time.GetUtcNow() + options.UploadFormLifetime };
        lock (_lock) _images[image.Id] = image;
        Interlocked.Increment(ref _initImages);
        var fields = _uploadPolicy.Fields(image.Id, extension, image.ExpiresAt);
        var form = new LeonardoUploadInitImage(image.Id, $"{Root(ctx)}{LeonardoUploadEndpoints.UploadPath}/{image.Id}",
            JsonSerializer.Serialize(fields, LeonardoJsonContext.Default.DictionaryStringString), fields[LeonardoUploadPolicy.KeyField]);
        return TypedResults.Json(new LeonardoInitImageResponse(form), LeonardoJsonContext.Default.LeonardoInitImageResponse);
    }

    /// <summary>The presigned form target: no bearer token; unknown id, tampered or expired fields all answer 403 (as S3 does).</summary>
    private async Task<IResult> UploadAsync(HttpContext ctx, string id)
    {
        EmulatedInitImage? image;
        lock (_lock) image = _images.GetValueOrDefault(id);
        if (image is null) return UploadDenied();
        if (!ctx.Request.HasFormContentType) return LeonardoResults.ParseError("the upload must be multipart/form-data with the issued fields and 'file'");
        IFormCollection form;
        try { form = await ctx.Request.ReadFormAsync(ctx.RequestAborted); }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return LeonardoResults.ParseError($"the multipart form could not be read: {ex.Message}");
        }
        var now = time.GetUtcNow();
        if (image.ExpiresAt < now || image.Bytes is not null || !_uploadPolicy.Verify(id, image.Extension, form[LeonardoUploadPolicy.KeyField],
                form[LeonardoUploadPolicy.ExpiresField], form[LeonardoUploadPolicy.SignatureField], now))
            return UploadDenied();
        if (form.Files.GetFile("file") is not { } file) return LeonardoResults.Invalid("$.file", "field 'file' is required");
        if (file.Length > ImageInputResolver.MaxBytes) return LeonardoResults.Invalid("$.file", "the image is larger than 10 MB");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ctx.RequestAborted);
        if (ImageInspector.Inspect(bytes) is null) return LeonardoResults.Invalid("$.file", "the file must be a JPEG, PNG or WebP image");
        lock (_lock) image.Bytes = bytes;
        Interlocked.Increment(ref _uploads);
        return TypedResults.NoContent();
    }

    private async Task<IResult> CreateAsync(HttpContext ctx, bool imageToVideo)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        Interlocked.Increment(ref _createRequests);
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(ctx.Request);
        if (doc is null) return LeonardoResults.ParseError(error!);
        LeonardoParsedRequest? parsed;
        using (doc)
        {
            FieldErrors typeErrors = new(), valueErrors = new();
            parsed = LeonardoRequestReader.Read(doc.RootElement, imageToVideo, typeErrors, valueErrors);
            if (parsed is null) return LeonardoResults.FromFields(typeErrors, valueErrors);
        }
        if (parsed.Image is { } start && !Exists(start)) return LeonardoResults.Invalid("$.imageId", $"no {start.Type} image with id '{start.Id}'");
        if (parsed.EndFrame is { } end && !Exists(end)) return LeonardoResults.Invalid("$.endFrameImage.id", $"no {end.Type} image with id '{end.Id}'");

        switch (faults.RollCreateRefusal())
        {
            case CreateRefusal.RateLimited:
                return LeonardoResults.Error(StatusCodes.Status429TooManyRequests, "rate-limited", "$", "too many requests (emulated fault)");
            case CreateRefusal.OutOfCredit:
                return LeonardoResults.Error(StatusCodes.Status402PaymentRequired, "insufficient-credits", "$", "not enough API credits (emulated fault)");
            case CreateRefusal.Unavailable:
                return LeonardoResults.Error(StatusCodes.Status503ServiceUnavailable, "unexpected", "$", "service unavailable (emulated fault)");
            case CreateRefusal.ServerError:
                return LeonardoResults.Error(StatusCodes.Status500InternalServerError, "unexpected", "$", "internal server error (emulated fault)");
        }

        var now = time.GetUtcNow();
        var generation = new EmulatedGeneration
        {
            Id = Guid.NewGuid().ToString("D"),
            Request = parsed,
            SubmittedAt = now,
            // Leonardo shows no queue: PENDING covers the queue time and the generation alike.
            StartsAt = now,
            EndsAt = options.TimelineFrom(now).EndsAt,
            Outcome = faults.RollOutcome(),
        };
        _generations.Add(generation);
        var credits = LeonardoCostRule.Credits(parsed.Duration, parsed.ShortSide);
        var job = new LeonardoMotionJob(generation.Id, credits, new LeonardoCost(LeonardoCostRule.Amount(credits), "CREDITS"));
        return new FaultyAnswer(faults, JsonSerializer.SerializeToUtf8Bytes(new LeonardoCreateResponse(job), LeonardoJsonContext.Default.LeonardoCreateResponse), holdFirst: true);
    }

    /// <summary>Hasura answers an unknown primary key with 200 and <c>null</c>, not 404.</summary>
    private IResult Generation(HttpContext ctx, string id)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        Interlocked.Increment(ref _polls);
        var generation = Find(id);
        generation?.CountStatusCall();
        var body = new LeonardoGenerationResponse(generation?.At(time.GetUtcNow(), ResultUrl(ctx)));
        return new FaultyAnswer(faults, JsonSerializer.SerializeToUtf8Bytes(body, LeonardoJsonContext.Default.LeonardoGenerationResponse));
    }

    /// <summary>An UPLOADED id must name a finished upload; a GENERATED id the output of a completed generation.</summary>
    private bool Exists(LeonardoImageRef image)
    {
        var now = time.GetUtcNow();
        if (image.Type != LeonardoImageRef.Uploaded) return _generations.All().Any(g => g.ImageId == image.Id && g.StatusAt(now) == "COMPLETE");
        lock (_lock) return _images.GetValueOrDefault(image.Id)?.Bytes is not null;
    }

    /// <summary>Null when the caller is let in; else Leonardo's 401 (access-denied without credentials, invalid-jwt with wrong ones).</summary>
    private IResult? Authenticate(HttpContext ctx)
    {
        if (string.IsNullOrEmpty(options.ApiKey)) return null;
        var header = ctx.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header)) return LeonardoResults.Error(StatusCodes.Status401Unauthorized, "access-denied", "$", "Authorization header is missing");
        var ok = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
            CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(header[7..].Trim()), System.Text.Encoding.UTF8.GetBytes(options.ApiKey));
        return ok ? null : LeonardoResults.Error(StatusCodes.Status401Unauthorized, "invalid-jwt", "$", "Invalid API key");
    }

    private static IResult UploadDenied() =>
        LeonardoResults.Error(StatusCodes.Status403Forbidden, "access-denied", "$", "the upload policy is invalid or has expired");

    private string Root(HttpContext ctx) => (options.PublicBaseUrl ?? $"{ctx.Request.Scheme}://{ctx.Request.Host}").TrimEnd('/');

    private Func<EmulatedGeneration, string> ResultUrl(HttpContext ctx)
    {
        var root = Root(ctx);
        return g => _results.ShownUrl(root, g.Id, g.EndsAt + options.ResultUrlTtl);
    }
}
