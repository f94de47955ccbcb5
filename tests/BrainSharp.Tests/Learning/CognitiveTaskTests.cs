using BrainSharp.Learning.Tasks;

namespace BrainSharp.Tests.Learning;

public class CognitiveTaskTests
{
    public static TheoryData<string> Names => new(TaskCatalog.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void ShapesAndPeriodsAreConsistent(string name)
    {
        var task = TaskCatalog.Create(name, seed: 3);
        var b = task.Sample<float>(5, DataSplit.Train, 0);
        Assert.Equal(task.Steps, b.Steps);
        Assert.Equal(5, b.BatchSize);
        Assert.Equal(task.InputSize, b.InputSize);
        Assert.Equal(task.Steps * 5 * task.InputSize, b.Inputs.Length);
        Assert.Equal(5, b.Labels.Length);
        Assert.All(b.Labels, l => Assert.InRange(l, 0, task.Classes - 1));
        int t = 0;
        foreach (var p in task.Periods) { Assert.Equal(t, p.Start); Assert.True(p.End > p.Start); t = p.End; }
        Assert.Equal(task.Steps, t);
        Assert.Equal(task.Response.Start, b.ResponseStart);
        Assert.Equal(task.Response.End, b.ResponseEnd);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedAndIndexGiveSameTrialsOthersDiffer(string name)
    {
        var a = TaskCatalog.Create(name, seed: 7).Sample<double>(4, DataSplit.Train, 2);
        var b = TaskCatalog.Create(name, seed: 7).Sample<double>(4, DataSplit.Train, 2);
        Assert.Equal(a.Inputs, b.Inputs);
        Assert.Equal(a.Labels, b.Labels);
        var c = TaskCatalog.Create(name, seed: 7).Sample<double>(4, DataSplit.Test, 2);
        var d = TaskCatalog.Create(name, seed: 8).Sample<double>(4, DataSplit.Train, 2);
        var e = TaskCatalog.Create(name, seed: 7).Sample<double>(4, DataSplit.Train, 3);
        Assert.NotEqual(a.Inputs, c.Inputs);
        Assert.NotEqual(a.Inputs, d.Inputs);
        Assert.NotEqual(a.Inputs, e.Inputs);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void LabelsAreBalanced(string name)
    {
        var b = TaskCatalog.Create(name, seed: 1, dt: 10).Sample<float>(400, DataSplit.Train, 0);
        int ones = b.Labels.Count(l => l == 1);
        Assert.InRange(ones, 160, 240); // 400 fair coin flips: mean 200, sd 10
    }

    [Fact]
    public void EvidenceAccumulationLabelIsMajorityOfCuesDecodedFromSpikes()
    {
        var task = new EvidenceAccumulation(seed: 5);
        var b = task.Sample<float>(64, DataSplit.Train, 0);
        int g = task.ChannelsPerGroup;
        for (int tr = 0; tr < b.BatchSize; tr++)
        {
            int right = 0;
            for (int k = 0; k < task.Cues; k++)
            {
                int l = 0, r = 0;
                for (int t = task.CueStart(k); t < task.CueStart(k) + task.CueSteps; t++)
                    for (int c = 0; c < g; c++) { l += (int)b.Input(t, tr, c); r += (int)b.Input(t, tr, g + c); }
                Assert.True((l == 0) != (r == 0), "each cue drives exactly one side");
                if (r > 0) right++;
            }
            Assert.Equal(2 * right > task.Cues ? 1 : 0, b.Labels[tr]);
            // Recall channels are silent outside the response window, noise channels fire throughout.
            int recallOutside = 0, recallInside = 0;
            for (int t = 0; t < b.Steps; t++)
                for (int c = 0; c < g; c++)
                {
                    int s = (int)b.Input(t, tr, 2 * g + c);
                    if (t >= b.ResponseStart && t < b.ResponseEnd) recallInside += s; else recallOutside += s;
                }
            Assert.Equal(0, recallOutside);
            Assert.True(recallInside > 0);
        }
    }

    [Fact]
    public void EvidenceAccumulationRatesMatchPoissonSettings()
    {
        var task = new EvidenceAccumulation(seed: 2);
        var b = task.Sample<float>(32, DataSplit.Train, 0);
        int g = task.ChannelsPerGroup;
        double noise = 0;
        for (int t = 0; t < b.Steps; t++)
            for (int tr = 0; tr < b.BatchSize; tr++)
                for (int c = 0; c < g; c++) noise += b.Input(t, tr, 3 * g + c);
        double hz = noise / (b.Steps * b.BatchSize * g * task.Dt * 1e-3);
        Assert.InRange(hz, 9.5, 10.5); // 10 Hz; ~700k Bernoulli draws give sd ~0.1 Hz
    }

    [Fact]
    public void PerceptualDecisionNoiselessEvidencePointsToLabel()
    {
        var task = new PerceptualDecision(seed: 1, noiseSigma: 0);
        var b = task.Sample<double>(50, DataSplit.Train, 0);
        var stim = task.Periods[1];
        for (int tr = 0; tr < 50; tr++)
        {
            double d = b.Input(stim.Start, tr, 1) - b.Input(stim.Start, tr, 2);
            Assert.Equal(d > 0 ? 0 : 1, b.Labels[tr]);
            Assert.Contains(task.Coherences, c => Math.Abs(Math.Abs(d) * 100 - c) < 1e-3);
            Assert.Equal(1.0, b.Input(0, tr, 0));
            Assert.Equal(0.0, b.Input(b.ResponseStart, tr, 0));
        }
    }

    [Fact]
    public void PerceptualDecisionIdealObserverMatchesAnalyticAccuracy()
    {
        var task = new PerceptualDecision(seed: 4);
        var b = task.Sample<double>(2000, DataSplit.Train, 0);
        var stim = task.Periods[1];
        int ok = 0;
        for (int tr = 0; tr < b.BatchSize; tr++)
        {
            double d = 0;
            for (int t = stim.Start; t < stim.End; t++) d += b.Input(t, tr, 1) - b.Input(t, tr, 2);
            if ((d > 0 ? 0 : 1) == b.Labels[tr]) ok++;
        }
        double expected = task.IdealObserverAccuracy(); // ~0.96 for the defaults
        Assert.InRange(ok / 2000.0, expected - 0.02, expected + 0.02); // binomial sd ~0.004
    }

    [Fact]
    public void DelayedMatchLabelFollowsDecodedSampleAndTest()
    {
        var task = new DelayedMatchToSample(seed: 2, noiseSigma: 0);
        var b = task.Sample<float>(60, DataSplit.Train, 0);
        int sampleT = task.Periods[1].Start, testT = task.Periods[3].Start, delayT = task.Periods[2].Start;
        for (int tr = 0; tr < 60; tr++)
        {
            int s = -1, t = -1;
            for (int c = 0; c < task.Stimuli; c++)
            {
                if (b.Input(sampleT, tr, 1 + c) == 1) s = c;
                if (b.Input(testT, tr, 1 + c) == 1) t = c;
                Assert.Equal(0f, b.Input(delayT, tr, 1 + c));
            }
            Assert.True(s >= 0 && t >= 0);
            Assert.Equal(s == t ? 1 : 0, b.Labels[tr]);
        }
    }

    [Fact]
    public void ContextDecisionLabelFollowsCuedModality()
    {
        var task = new ContextDecision(seed: 3, noiseSigma: 0);
        var b = task.Sample<double>(80, DataSplit.Train, 0);
        int st = task.Periods[1].Start;
        int disagree = 0;
        for (int tr = 0; tr < 80; tr++)
        {
            int ctx = b.Input(0, tr, 1) == 1 ? 0 : 1;
            Assert.Equal(1.0, b.Input(b.Steps - 1, tr, 1) + b.Input(b.Steps - 1, tr, 2)); // one-hot context through the trial
            double m1 = b.Input(st, tr, 3) - b.Input(st, tr, 4), m2 = b.Input(st, tr, 5) - b.Input(st, tr, 6);
            double cued = ctx == 0 ? m1 : m2;
            Assert.Equal(cued > 0 ? 0 : 1, b.Labels[tr]);
            if (Math.Sign(m1) != Math.Sign(m2)) disagree++;
        }
        Assert.True(disagree > 20, "modalities must often disagree, or context would not matter");
    }

    [Fact]
    public void ParametricWorkingMemoryLabelComparesDecodedFrequencies()
    {
        var task = new ParametricWorkingMemory(seed: 6, noiseSigma: 0);
        var b = task.Sample<double>(80, DataSplit.Train, 0);
        int t1 = task.Periods[1].Start, t2 = task.Periods[3].Start;
        for (int tr = 0; tr < 80; tr++)
        {
            double f1 = b.Input(t1, tr, 1) * 34, f2 = b.Input(t2, tr, 1) * 34;
            Assert.Equal(8.0, Math.Abs(f1 - f2), 4);
            Assert.InRange(f2, 10 - 1e-4, 34 + 1e-4);
            Assert.Equal(f1 > f2 ? 1 : 0, b.Labels[tr]);
            Assert.Equal(0.0, b.Input(task.Periods[2].Start, tr, 1));
        }
    }

    [Fact]
    public void BadParametersThrowNamingThem()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EvidenceAccumulation(cues: 6));
        Assert.Contains("cues", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new PerceptualDecision(dt: -1));
        Assert.Contains("dt", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new DelayedMatchToSample(delayMs: double.NaN));
        Assert.Contains("delay", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new EvidenceAccumulation(cueProbability: 1.5));
        Assert.Contains("cueProbability", e.Message);
        Assert.Throws<ArgumentException>(() => TaskCatalog.Create("nope", 0));
    }
}
