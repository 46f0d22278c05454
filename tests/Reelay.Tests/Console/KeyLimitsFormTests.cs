using Reelay.Accounts;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class KeyLimitsFormTests
{
    [Fact]
    public void Read_FilledFields_SetsEveryLimit()
    {
        var errors = new List<(string, string)>();

        var patch = KeyLimitsForm.Read(" 30 ", "2", "local, kling-v2-6, LOCAL", errors);

        Assert.Empty(errors);
        Assert.Equal(new KeyLimits(30, 2, ["local", "kling-v2-6"]), patch!.ApplyTo("k", KeyLimits.None).Limits);
    }

    [Fact]
    public void Read_EmptyFields_ClearsEveryLimit()
    {
        var errors = new List<(string, string)>();

        var patch = KeyLimitsForm.Read("", null, " ", errors);

        Assert.Empty(errors);
        Assert.Same(KeyLimits.None, patch!.ApplyTo("k", new KeyLimits(5, 5, ["local"])).Limits);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("many")]
    public void Read_NotAPositiveWholeNumber_ReportsFieldAndNoPatch(string rpm)
    {
        var errors = new List<(string Field, string Message)>();

        var patch = KeyLimitsForm.Read(rpm, "", "", errors);

        Assert.Null(patch);
        Assert.Equal("requests_per_minute", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("0.000001", 0.000001)]
    public void ReadAmount_PositiveCredits_ReturnsThem(string text, double expected)
    {
        var errors = new List<(string, string)>();

        Assert.Equal((decimal)expected, KeyLimitsForm.ReadAmount(text, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.0000001")]
    [InlineData("")]
    [InlineData(null)]
    public void ReadAmount_NotPositiveOrTooPrecise_ReportsAmount(string? text)
    {
        var errors = new List<(string Field, string Message)>();

        Assert.Null(KeyLimitsForm.ReadAmount(text, errors));
        Assert.Equal("amount", Assert.Single(errors).Field);
    }
}
