using Reelay.Jobs;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class NewJobFormTests
{
    private static readonly ModelCatalog Catalog = new(
    [
        new ModelSpec { Name = "with-cfg", Durations = [5, 10], Modes = ["std", "pro"], AspectRatios = ["16:9", "1:1"], CfgScale = true },
        new ModelSpec { Name = "no-cfg", Durations = [5], Modes = ["std"], AspectRatios = ["9:16"], CfgScale = false },
    ]);

    [Fact]
    public void Read_FullForm_BuildsRequest()
    {
        var form = NewJobForm.Read(Catalog, "a cat", "blurry", "with-cfg", 10, "pro", "1:1", "0.35", "42");

        var r = Assert.IsType<VideoRequest>(form.Request);
        Assert.Empty(form.Errors);
        Assert.Equal(("with-cfg", "a cat", "blurry", 10, VideoMode.Pro, "1:1", 0.35, 42L),
            (r.Model, r.Prompt, r.NegativePrompt, r.DurationSeconds, r.Mode, r.AspectRatio, r.CfgScale!.Value, r.Seed!.Value));
    }

    [Fact]
    public void Read_ModelWithoutCfgAndBlankFields_DropsCfgAndUsesModelDefaults()
    {
        var form = NewJobForm.Read(Catalog, "  ", "", "no-cfg", null, null, null, "0.5", " ");

        var r = form.Request!;
        Assert.Null(r.CfgScale);
        Assert.Null(r.Prompt);
        Assert.Null(r.NegativePrompt);
        Assert.Null(r.Seed);
        Assert.Equal(5, r.DurationSeconds);
        Assert.Equal("9:16", r.AspectRatio);
    }

    [Fact]
    public void Read_SeedNotANumber_ReportsSeed()
    {
        var form = NewJobForm.Read(Catalog, "x", null, "with-cfg", 5, "std", "16:9", "abc", "-3");

        Assert.Null(form.Request);
        Assert.Equal(["cfg_scale", "seed"], form.Errors.Select(e => e.Field));
    }
}
