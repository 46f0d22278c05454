namespace Reelay.Providers.Kling.Contract;

/// <summary>Kling's service codes (docs/dialects.md §1) with the HTTP status each is sent with.</summary>
public static class KlingErrorCodes
{
    public const int Success = 0;
    /// <summary>401: the key does not exist or is revoked.</summary>
    public const int AuthFailed = 1000;
    /// <summary>401: no Authorization header.</summary>
    public const int AuthEmpty = 1001;
    /// <summary>401: not a JWT, wrong algorithm or bad signature.</summary>
    public const int AuthInvalid = 1002;
    /// <summary>401: <c>nbf</c> is in the future.</summary>
    public const int AuthNotYetValid = 1003;
    /// <summary>401: <c>exp</c> has passed.</summary>
    public const int AuthExpired = 1004;
    /// <summary>429: the account's resource pack is exhausted (Reelay: the key's credits do not cover the task).</summary>
    public const int ResourcePackExhausted = 1102;
    /// <summary>400: the body is not valid JSON or not an object.</summary>
    public const int InvalidParams = 1200;
    /// <summary>400: a field has a wrong type or value.</summary>
    public const int InvalidParamValue = 1201;
    /// <summary>404: the method is not served on this path.</summary>
    public const int InvalidMethod = 1202;
    /// <summary>404: no such task (or not the caller's).</summary>
    public const int NotFound = 1203;
    /// <summary>403: the account (key) may not use the requested model.</summary>
    public const int ModelNotPermitted = 1103;
    /// <summary>429: request rate over the account's limit.</summary>
    public const int RateLimited = 1302;
    /// <summary>429: running tasks at the account's limit.</summary>
    public const int ConcurrencyLimited = 1303;
    /// <summary>503: the service is temporarily unavailable.</summary>
    public const int ServiceUnavailable = 5001;

    public static int HttpStatusOf(int code) => code switch
    {
        >= 1000 and < 1100 => 401,
        1103 => 403,
        >= 1100 and < 1200 => 429,
        1202 or 1203 => 404,
        1302 or 1303 or 1304 => 429,
        >= 1200 and < 1400 => 400,
        5001 => 503,
        5002 => 504,
        _ => 500,
    };
}
