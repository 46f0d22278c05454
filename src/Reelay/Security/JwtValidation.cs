namespace Reelay.Security;

public enum JwtValidation
{
    Valid,
    Malformed,
    BadSignature,
    NotYetValid,
    Expired,
}
