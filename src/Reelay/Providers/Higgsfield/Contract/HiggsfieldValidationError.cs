namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>
/// One FastAPI/pydantic validation error: <c>loc</c> is the path of the offending value (strings and integer
/// positions, e.g. <c>["body","params","prompt"]</c>), <c>type</c> pydantic's error type (missing,
/// string_too_short, literal_error, ...).
/// </summary>
public sealed record HiggsfieldValidationError(IReadOnlyList<object> Loc, string Msg, string Type);
