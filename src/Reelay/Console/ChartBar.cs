namespace Reelay.WebConsole;

/// <summary>One bar of a server-rendered chart: its label and its value (credits).</summary>
public sealed record ChartBar(string Label, decimal Value);
