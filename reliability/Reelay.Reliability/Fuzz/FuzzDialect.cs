namespace Reelay.Reliability.Fuzz;

/// <summary>Whose wire rules an endpoint follows: decides how a request authenticates and what its errors must look like.</summary>
public enum FuzzDialect
{
    Native,
    Kling,
    Higgsfield,
    Highway,
    HyprLab,
    Leonardo,
    ApiFrame,
    /// <summary>Not an API (e.g. console pages): only "never a 5xx" applies.</summary>
    Other,
}
