using Reelay.Jobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Local;

/// <summary>
/// The camera moves really move the picture the way they say: compared on the first and last frames of
/// 1 s renders over a testsrc2 start image, scaled down to small grey thumbnails.
/// </summary>
public sealed class LocalEngineMotionTests : IClassFixture<LocalEngineMotionTests.Renders>
{
    private const int W = 64, H = 36, Last = 23;
    private readonly Renders _r;

    public LocalEngineMotionTests(Renders renders) => _r = renders;

    /// <summary>Renders each move once for the whole class (first and last frames only).</summary>
    public sealed class Renders : IAsyncLifetime, IDisposable
    {
        private readonly LocalEngineHarness _h = new();
        public Dictionary<string, (byte[] First, byte[] Last)> Frames { get; } = [];

        public async Task InitializeAsync()
        {
            var start = await _h.StoreImageAsync("motion.png", 1280, 720);
            (string Name, CameraConfig Config)[] moves =
            [
                ("zoom-in", new CameraConfig(Zoom: 5)), ("zoom-out", new CameraConfig(Zoom: -5)),
                ("pan-left", new CameraConfig(Horizontal: -5)), ("pan-right", new CameraConfig(Horizontal: 5)),
                ("tilt-up", new CameraConfig(Vertical: 5)), ("tilt-down", new CameraConfig(Vertical: -5)),
            ];
            foreach (var (name, config) in moves)
            {
                var render = await _h.RenderAsync(LocalEngineHarness.Request() with { StartImage = start, CameraControl = new CameraControl("simple", config) });
                Frames[name] = (TestMedia.GreyFrame(render.RawPath, 0, W, H), TestMedia.GreyFrame(render.RawPath, Last, W, H));
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => _h.Dispose();
    }

    private static double[] ColumnMeans(byte[] f) => Enumerable.Range(0, W).Select(x => Enumerable.Range(0, H).Average(y => (double)f[y * W + x])).ToArray();

    private static double[] RowMeans(byte[] f) => Enumerable.Range(0, H).Select(y => Enumerable.Range(0, W).Average(x => (double)f[y * W + x])).ToArray();

    /// <summary>The shift s minimising |later[i] - earlier[i + s]|: positive when content moved towards lower indices.</summary>
    private static int BestShift(double[] earlier, double[] later, int max)
    {
        var best = (Shift: 0, Cost: double.MaxValue);
        for (var s = -max; s <= max; s++)
        {
            var overlap = Enumerable.Range(0, later.Length).Where(i => i + s >= 0 && i + s < earlier.Length).ToList();
            var cost = overlap.Average(i => Math.Abs(later[i] - earlier[i + s]));
            if (cost < best.Cost) best = (s, cost);
        }
        return best.Shift;
    }

    [Theory]
    [InlineData("zoom-in")]
    [InlineData("zoom-out")]
    [InlineData("pan-left")]
    [InlineData("pan-right")]
    [InlineData("tilt-up")]
    [InlineData("tilt-down")]
    public void SubmitAsync_EveryMove_LastFrameDiffersFromFirst(string move)
    {
        var (first, last) = _r.Frames[move];
        Assert.True(TestMedia.MeanAbsDiff(first, last) > 5, $"{move}: {TestMedia.MeanAbsDiff(first, last):0.0}");
    }

    [Fact]
    public void SubmitAsync_ZoomInAndOut_AreEachOthersReverse()
    {
        var zoomIn = _r.Frames["zoom-in"];
        var zoomOut = _r.Frames["zoom-out"];

        // Zoom in starts at the whole picture and ends magnified; zoom out does the opposite.
        Assert.True(TestMedia.MeanAbsDiff(zoomIn.First, zoomOut.Last) < 3);
        Assert.True(TestMedia.MeanAbsDiff(zoomIn.Last, zoomOut.First) < 3);
        Assert.True(TestMedia.MeanAbsDiff(zoomIn.First, zoomIn.Last) > 5);
    }

    [Fact]
    public void SubmitAsync_ZoomIn_LastFrameIsTheCentreOfTheFirstMagnified()
    {
        var (first, last) = _r.Frames["zoom-in"];
        var cols0 = ColumnMeans(first);
        var cols1 = ColumnMeans(last);
        // Content left of centre moves further left, content right of centre further right.
        var leftShift = BestShift(cols0[..(W / 2)], cols1[..(W / 2)], 8);
        var rightShift = BestShift(cols0[(W / 2)..], cols1[(W / 2)..], 8);
        Assert.True(leftShift > 0 && rightShift < 0, $"left half shifted {leftShift}, right half {rightShift}");
    }

    [Fact]
    public void SubmitAsync_PanLeftAndRight_MoveContentInOppositeDirections()
    {
        var left = _r.Frames["pan-left"];
        var right = _r.Frames["pan-right"];

        // The camera panning right makes the picture slide left (towards lower x), and vice versa.
        var rightShift = BestShift(ColumnMeans(right.First), ColumnMeans(right.Last), 24);
        var leftShift = BestShift(ColumnMeans(left.First), ColumnMeans(left.Last), 24);
        Assert.True(rightShift > 4, $"pan right moved content by {rightShift} columns");
        Assert.True(leftShift < -4, $"pan left moved content by {leftShift} columns");
        Assert.True(TestMedia.MeanAbsDiff(left.Last, right.Last) > 5);
        Assert.True(TestMedia.MeanAbsDiff(left.First, right.Last) < 3, "pan left starts where pan right ends");
    }

    [Fact]
    public void SubmitAsync_TiltUpAndDown_MoveContentInOppositeDirections()
    {
        var up = _r.Frames["tilt-up"];
        var down = _r.Frames["tilt-down"];

        // Tilting up reveals what is above: the picture slides down (towards higher y).
        var upShift = BestShift(RowMeans(up.First), RowMeans(up.Last), 14);
        var downShift = BestShift(RowMeans(down.First), RowMeans(down.Last), 14);
        Assert.True(upShift < -2, $"tilt up moved content by {upShift} rows");
        Assert.True(downShift > 2, $"tilt down moved content by {downShift} rows");
    }
}
