using System.Net;
using System.Text.RegularExpressions;

namespace Reelay.IntegrationTests.Support;

/// <summary>Signs in to the web console as a browser does: the form's antiforgery token, then the key's token posted.</summary>
public static partial class ConsoleSignIn
{
    /// <summary>A client that keeps cookies and does not follow redirects, on <paramref name="baseAddress"/>.</summary>
    public static HttpClient Client(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseAddress };

    /// <summary>Posts the sign-in form; returns the antiforgery token used. Asserts the 302 of a successful sign-in.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string token)
    {
        var form = await http.GetStringAsync("/sign-in");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        using var response = await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = antiforgery,
            ["Token"] = token,
            ["ReturnUrl"] = "",
        }));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return antiforgery;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
