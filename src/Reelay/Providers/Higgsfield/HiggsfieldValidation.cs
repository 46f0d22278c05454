using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// Collects FastAPI/pydantic-style validation errors for one request, so every bad field is reported at once
/// in the order a pydantic model would report them.
/// </summary>
public sealed class HiggsfieldValidation
{
    private readonly List<HiggsfieldValidationError> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public IReadOnlyList<HiggsfieldValidationError> Errors => _errors;

    public void Add(string msg, string type, params object[] loc) => _errors.Add(new HiggsfieldValidationError(loc, msg, type));

    public void Missing(params object[] loc) => Add("Field required", "missing", loc);

    /// <summary>
    /// Adds the core validator's errors (keyed by native field names) under the Higgsfield field they came from,
    /// as pydantic reports a failed custom validator (<c>value_error</c>).
    /// </summary>
    public void AddCore(FieldErrors errors)
    {
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages) Add("Value error, " + message, "value_error", LocOf(field));
        }
    }

    private static object[] LocOf(string nativeField) => nativeField switch
    {
        "start_image" or "end_image" => ["body", "params", "input_image", "image_url"],
        "webhook.url" or "webhook.events" => ["body", "webhook", "url"],
        _ => ["body", "params", nativeField],
    };
}
