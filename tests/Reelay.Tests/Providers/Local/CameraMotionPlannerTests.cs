using Reelay.Jobs;
using Reelay.Providers.Local;

namespace Reelay.Tests.Providers.Local;

public sealed class CameraMotionPlannerTests
{
    private static VideoRequest Request(string? prompt = null, CameraControl? camera = null) =>
        new() { Model = "kling-v2-1", Prompt = prompt, CameraControl = camera };

    private static CameraControl Simple(CameraConfig config) => new("simple", config);

    [Theory]
    [InlineData(5, 0, 0, 0, 0, 0, CameraMotion.PanRight)]
    [InlineData(-5, 0, 0, 0, 0, 0, CameraMotion.PanLeft)]
    [InlineData(0, 5, 0, 0, 0, 0, CameraMotion.TiltUp)]
    [InlineData(0, -5, 0, 0, 0, 0, CameraMotion.TiltDown)]
    [InlineData(0, 0, 5, 0, 0, 0, CameraMotion.PanRight)]
    [InlineData(0, 0, -5, 0, 0, 0, CameraMotion.PanLeft)]
    [InlineData(0, 0, 0, 5, 0, 0, CameraMotion.TiltUp)]
    [InlineData(0, 0, 0, -5, 0, 0, CameraMotion.TiltDown)]
    [InlineData(0, 0, 0, 0, 5, 0, CameraMotion.ZoomIn)]
    [InlineData(0, 0, 0, 0, 0, 5, CameraMotion.ZoomIn)]
    [InlineData(0, 0, 0, 0, 0, -5, CameraMotion.ZoomOut)]
    public void Plan_SimpleAxis_MapsToMotionWithHalfStrength(double horizontal, double vertical, double pan, double tilt, double roll, double zoom, CameraMotion expected)
    {
        var (motion, strength) = CameraMotionPlanner.Plan(Request(camera: Simple(new CameraConfig(horizontal, vertical, pan, tilt, roll, zoom))));

        Assert.Equal(expected, motion);
        Assert.Equal(0.5, strength, 3);
    }

    [Theory]
    [InlineData(10, 1.0)]
    [InlineData(-10, 1.0)]
    [InlineData(2, 0.2)]
    [InlineData(0.3, 0.1)]
    public void Plan_SimpleAmount_ScalesStrengthWithinBounds(double zoom, double expected)
    {
        var (_, strength) = CameraMotionPlanner.Plan(Request(camera: Simple(new CameraConfig(Zoom: zoom))));

        Assert.Equal(expected, strength, 3);
    }

    [Theory]
    [InlineData("down_back", CameraMotion.ZoomOut)]
    [InlineData("forward_up", CameraMotion.ZoomIn)]
    [InlineData("right_turn_forward", CameraMotion.PanRight)]
    [InlineData("left_turn_forward", CameraMotion.PanLeft)]
    public void Plan_PresetType_MapsToMotion(string type, CameraMotion expected)
    {
        var (motion, strength) = CameraMotionPlanner.Plan(Request(prompt: "zoom out slowly", camera: new CameraControl(type, null)));

        Assert.Equal(expected, motion);
        Assert.InRange(strength, 0.1, 1.0);
    }

    [Fact]
    public void Plan_CameraControlAndPrompt_CameraControlWins()
    {
        var (motion, _) = CameraMotionPlanner.Plan(Request(prompt: "pan left", camera: Simple(new CameraConfig(Vertical: -3))));

        Assert.Equal(CameraMotion.TiltDown, motion);
    }

    [Fact]
    public void Plan_SimpleWithoutConfig_DefaultsToZoomIn() =>
        Assert.Equal(CameraMotion.ZoomIn, CameraMotionPlanner.Plan(Request(camera: new CameraControl("simple", null))).Motion);

    [Theory]
    [InlineData("slow zoom out over the valley", CameraMotion.ZoomOut)]
    [InlineData("Pan Left across the skyline", CameraMotion.PanLeft)]
    [InlineData("TILT UP to the sky", CameraMotion.TiltUp)]
    [InlineData("camera tilts down... tilt down to the floor", CameraMotion.TiltDown)]
    [InlineData("a truck right move", CameraMotion.PanRight)]
    [InlineData("crane up over the crowd", CameraMotion.TiltUp)]
    [InlineData("pull back to reveal the city", CameraMotion.ZoomOut)]
    [InlineData("extreme close-up of an eye", CameraMotion.ZoomIn)]
    public void Plan_PromptPhrase_ChoosesMotion(string prompt, CameraMotion expected) =>
        Assert.Equal(expected, CameraMotionPlanner.Plan(Request(prompt)).Motion);

    [Theory]
    [InlineData("pan left then zoom in", CameraMotion.PanLeft)]
    [InlineData("zoom in, then pan left", CameraMotion.ZoomIn)]
    [InlineData("tilt down and zoom out and pan right", CameraMotion.TiltDown)]
    public void Plan_SeveralPhrases_EarliestWins(string prompt, CameraMotion expected) =>
        Assert.Equal(expected, CameraMotionPlanner.Plan(Request(prompt)).Motion);

    [Theory]
    [InlineData("a cat on a sofa")]
    [InlineData("")]
    [InlineData(null)]
    public void Plan_NoCueAnywhere_SlowZoomIn(string? prompt)
    {
        var (motion, strength) = CameraMotionPlanner.Plan(Request(prompt));

        Assert.Equal(CameraMotion.ZoomIn, motion);
        Assert.Equal(0.5, strength, 3);
    }
}
