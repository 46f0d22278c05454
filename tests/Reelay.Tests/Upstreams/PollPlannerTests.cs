using Microsoft.Extensions.Time.Testing;
using Reelay.Jobs;
using Reelay.Tests.Support;
using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

public sealed class PollPlannerTests
{
    private readonly FakeTimeProvider _clock = new();

    private PollPlanner Planner(TimeSpan? first = null, TimeSpan? max = null, double random = 0.5, GenerationTimes? times = null) =>
        new(first, max ?? TimeSpan.FromMinutes(5), times ?? new GenerationTimes(null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(240)), _clock, () => random);

    private VideoJob Job(string model = "kling-v1", int duration = 5, VideoMode mode = VideoMode.Std)
    {
        var now = _clock.GetUtcNow();
        return new VideoJob
        {
            Id = "job_1", OwnerKeyId = "k", Engine = "kling", Status = JobStatus.Running, Stage = JobStage.Poll,
            Request = new VideoRequest { Model = model, DurationSeconds = duration, Mode = mode },
            CreatedAt = now, UpdatedAt = now, StartedAt = now, DeadlineAt = now.AddHours(1),
        };
    }

    [Fact]
    public void FirstPoll_NoOverride_IsTheTypicalMinimum()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Planner().FirstPoll(Job().Request));
    }

    [Fact]
    public void FirstPoll_CatalogTimes_ScaleWithDurationAndMode()
    {
        var catalog = new ModelCatalog([new ModelSpec { Name = "m", Durations = [5, 10], Modes = ["std", "pro"], AspectRatios = ["16:9"], TypicalMinSeconds = 40, TypicalMaxSeconds = 200 }]);
        var planner = Planner(times: new GenerationTimes(catalog));

        Assert.Equal(TimeSpan.FromSeconds(40), planner.FirstPoll(Job("m").Request));
        Assert.Equal(TimeSpan.FromSeconds(90), planner.FirstPoll(Job("m", 10, VideoMode.Pro).Request));
    }

    [Fact]
    public void FirstPoll_Override_WinsOverModel()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Planner(first: TimeSpan.FromSeconds(2)).FirstPoll(Job().Request));
    }

    [Fact]
    public void NextPoll_NoHints_BacksOffByHalfTheElapsedTime()
    {
        var planner = Planner();
        var job = Job();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(15), planner.NextPoll(job, new PollHint(true)));
        _clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(60), planner.NextPoll(job, new PollHint(true)));
    }

    [Fact]
    public void NextPoll_AskedBeforeTypicalMinimum_WaitsUntilIt()
    {
        var job = Job();
        _clock.Advance(TimeSpan.FromSeconds(4)); // e.g. a callback made it poll early
        Assert.Equal(TimeSpan.FromSeconds(26), Planner().NextPoll(job, new PollHint(true)));
    }

    [Fact]
    public void NextPoll_Eta_QueriesJustAfterIt()
    {
        var job = Job();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var next = Planner().NextPoll(job, new PollHint(true, Eta: TimeSpan.FromSeconds(40)));
        Assert.InRange(next, TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(46.2)); // eta + 5 % slack, jittered later only
    }

    [Fact]
    public void NextPoll_ProgressOnly_PredictsFromRateButNeverLaterThanBackoff()
    {
        var job = Job();
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(15), Planner().NextPoll(job, new PollHint(true, Percent: 80)));
        Assert.Equal(TimeSpan.FromSeconds(30), Planner().NextPoll(job, new PollHint(true, Percent: 10)));
    }

    [Theory]
    [InlineData(0.0, 27)]
    [InlineData(1.0, 33)]
    public void NextPoll_Jitter_StaysWithinTenPercent(double random, int expectedSeconds)
    {
        var job = Job();
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Planner(random: random).NextPoll(job, new PollHint(true)));
    }

    [Fact]
    public void NextPoll_LongJob_CappedByMaxPollInterval()
    {
        var job = Job();
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromSeconds(20), Planner(max: TimeSpan.FromSeconds(20)).NextPoll(job, new PollHint(true, Eta: TimeSpan.FromMinutes(3))));
    }

    [Fact]
    public void NextPoll_Immediately_NeverBelowMinInterval()
    {
        var planner = Planner(first: TimeSpan.Zero);
        Assert.Equal(PollPlanner.MinInterval, planner.NextPoll(Job(), new PollHint(true)));
        Assert.Equal(PollPlanner.MinInterval, planner.FirstPoll(Job().Request));
    }

    /// <summary>Benchmark B3's budget: for finish times spread over the 30–240 s window, at most 6 queries on average.</summary>
    [Fact]
    public void Schedule_FinishesAcrossWindow_AveragesAtMostSixCallsWithLagUnderHalf()
    {
        var calls = new List<int>();
        for (var finish = 30.0; finish <= 240; finish += 1)
        {
            var clock = new FakeTimeProvider();
            var p = new PollPlanner(null, TimeSpan.FromHours(1), new GenerationTimes(null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(240)), clock, Random.Shared.NextDouble);
            var job = Job() with { StartedAt = clock.GetUtcNow(), CreatedAt = clock.GetUtcNow() };
            var at = p.FirstPoll(job.Request);
            clock.Advance(at);
            var n = 1;
            while (at.TotalSeconds < finish)
            {
                var next = p.NextPoll(job, new PollHint(true));
                clock.Advance(next);
                at += next;
                n++;
            }
            Assert.True((at.TotalSeconds - finish) <= finish / 2 * 1.1 + 0.01, $"lag {at.TotalSeconds - finish:0.0} s for a finish at {finish} s");
            calls.Add(n);
        }
        Assert.True(calls.Average() <= 6, $"average {calls.Average():0.00} calls");
    }

    [Fact]
    public void Progress_NoPercent_EstimatedAndNeverComplete()
    {
        var planner = Planner();
        var job = Job();
        _clock.Advance(TimeSpan.FromSeconds(67.5)); // half the typical 135 s
        Assert.Equal(45, planner.Progress(job, new PollHint(true)));
        _clock.Advance(TimeSpan.FromHours(5));
        Assert.InRange(planner.Progress(job, new PollHint(true)), 95, 99);
        Assert.InRange(planner.Progress(job, new PollHint(false)), 0, 5);
    }

    [Fact]
    public void Progress_UpstreamPercent_KeptBelowHundred()
    {
        Assert.Equal(99, Planner().Progress(Job(), new PollHint(true, Percent: 100)));
        Assert.Equal(42, Planner().Progress(Job(), new PollHint(true, Percent: 42)));
    }
}
