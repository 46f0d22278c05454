using Microsoft.AspNetCore.Components;
using Reelay.Accounts;

namespace Reelay.WebConsole;

/// <summary>
/// Base of every page that needs a signed-in key: resolves it from the session cookie, or sends the browser to the
/// sign-in page (coming back here afterwards). Pages render nothing while <see cref="Caller"/> is null.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = null!;
    [Inject] public ConsoleSession Session { get; set; } = null!;
    [Inject] public NavigationManager Navigation { get; set; } = null!;

    protected ApiKey? Caller { get; private set; }
    protected bool IsAdmin => Caller?.Role == ApiKeyRole.Admin;
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected sealed override async Task OnInitializedAsync()
    {
        Caller = await Session.CurrentAsync(HttpContext);
        if (Caller is null)
        {
            var here = Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo("/sign-in" + (here.Length > 0 ? "?returnUrl=" + Uri.EscapeDataString("/" + here) : ""));
            return;
        }
        await LoadAsync();
    }

    /// <summary>The page's own loading, once the caller is known.</summary>
    protected abstract Task LoadAsync();
}
