using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Reelay.WebConsole;

/// <summary>
/// An SVG <c>&lt;text&gt;</c> element as markup: Razor reserves <c>&lt;text&gt;</c> inside code blocks, so the charts write
/// it through here. The content is HTML-encoded (labels are model names and key names, which a user may choose).
/// </summary>
public static class SvgText
{
    public static MarkupString Label(double x, double y, string content, bool anchorEnd = false) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"<text class=\"label\" x=\"{x:0.##}\" y=\"{y:0.##}\"{(anchorEnd ? " text-anchor=\"end\"" : "")}>{WebUtility.HtmlEncode(content)}</text>"));
}
