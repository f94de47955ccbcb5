using BrainSharp.Learning.Reservoir;
using BrainSharp.Projections;
using BrainSharp.Random;
using BrainSharp.Running;
using Xunit.Abstractions;

namespace BrainSharp.Tests.Learning;

public class SpikingReservoirTests
{
    private readonly ITestOutputHelper _out;
    public SpikingReservoirTests(ITestOutputHelper output) { _out = output; }

    private static double R2(ReadOnlySpan<double> pred, ReadOnlySpan<double> y)
    {
        double mean = 0;
        foreach (var v in y) mean += v / y.Length;
        double ss = 0, st = 0;
        for (int i = 0; i < y.Length; i++) { ss += (pred[i] - y[i]) * (pred[i] - y[i]); st += (y[i] - mean) * (y[i] - mean); }
        return 1 - ss / st;
    }

    // Ridge on samples [washout, washout + train) of x (width d) to y; R^2 on the next `test` samples (never seen in the fit).
    private static double HeldOutR2(double[] x, int d, double[] y, int washout, int train, int test, double lambda)
    {
        var ro = RidgeReadout.Fit(x.AsSpan(washout * d, train * d), train, d, y.AsSpan(washout, train), 1, lambda);
        var pred = new double[test];
        ro.Predict(x.AsSpan((washout + train) * d, test * d), test, pred);
        return R2(pred, y.AsSpan(washout + train, test));
    }

    [Fact]
    public void RidgeOnFilteredSpikeTrainsRecallsPastInputsThatTheRawInputCannot()
    {
        // u: i.i.d. uniform in [-1, 1], one value per 20 ms sample, injected as current; target y_t = u_{t-k}.
        using var res = new SpikingReservoir(new SpikingReservoirOptions { Seed = 3 });
        int washout = 50, train = 1500, test = 500, samples = washout + train + test, n = res.Neurons;
        var rng = new RandomStream(9, 1);
        var u = new double[samples];
        for (int t = 0; t < samples; t++) u[t] = 2 * rng.NextDouble() - 1;
        var x = new double[samples * n];
        var sw = System.Diagnostics.Stopwatch.StartNew();
        res.Collect(u, samples, x);
        _out.WriteLine($"simulation {sw.Elapsed.TotalSeconds:F2} s");
        double rateHz = res.TotalSpikes / (double)n / (samples * res.Options.SampleMs / 1000);
        Assert.InRange(rateHz, 2, 60);
        var r2 = new double[3]; var baseline = new double[3];
        for (int k = 0; k < 3; k++)
        {
            var y = new double[samples];
            for (int t = k; t < samples; t++) y[t] = u[t - k];
            r2[k] = HeldOutR2(x, n, y, washout, train, test, lambda: 1e3);
            // Baseline without memory: the same ridge on the raw current input alone (R^2 1 at k = 0, ~0 for k > 0 on white input).
            baseline[k] = HeldOutR2(u, 1, y, washout, train, test, lambda: 1e-9);
        }
        _out.WriteLine($"rate {rateHz:F1} Hz; R^2 reservoir k=0,1,2: {r2[0]:F3} {r2[1]:F3} {r2[2]:F3}; raw-input baseline: {baseline[0]:F3} {baseline[1]:F3} {baseline[2]:F3}");
        Assert.True(baseline[0] > 0.999, $"baseline k=0 {baseline[0]}");
        Assert.True(r2[0] > 0.9, $"k=0: R^2 {r2[0]:F3}");
        Assert.True(r2[1] > 0.6 && baseline[1] < 0.05, $"k=1 (20 ms back): R^2 {r2[1]:F3}, raw-input baseline {baseline[1]:F3}");
        Assert.True(r2[2] > 0.35 && baseline[2] < 0.05, $"k=2 (40 ms back): R^2 {r2[2]:F3}, raw-input baseline {baseline[2]:F3}");
    }

    [Fact]
    public void PoissonDrivenReservoirClassifiesTwoSpikePatternsOnFreshTrials()
    {
        // Two classes, each a fixed rate template over 4 channels x 5 segments of 20 ms (rates 0 or 40 Hz); every trial is a
        // fresh Poisson realization (the run continues, so no draw repeats), followed by 60 ms of baseline input.
        // The last segment is the same for both classes, so the class is read from activity 20-100 ms in the past. The
        // filtered input trains alone (printed, not asserted) also separate these templates: the point here is that the
        // reservoir's state keeps that information through its recurrent, spiking dynamics.
        int channels = 4, segs = 5, gap = 3;
        var rng = new RandomStream(5, 2);
        var templates = new double[2, segs, channels];
        for (int s = 0; s < segs; s++)
            for (int c = 0; c < channels; c++)
            {
                templates[0, s, c] = rng.NextDouble() < 0.5 ? -1 : 1;
                templates[1, s, c] = s == segs - 1 ? templates[0, s, c] : (rng.NextDouble() < 0.5 ? -1 : 1);
            }
        using var res = new SpikingReservoir(new SpikingReservoirOptions
        {
            Inputs = channels, InputMode = ReservoirInputMode.Poisson, PoissonSourcesPerChannel = 40, PoissonBaseRateHz = 20, PoissonRateGainHz = 20,
            PoissonWeightPa = 40, InputConnectionProbability = 0.2, BiasPa = 90, Seed = 4,
        });
        var inputMonitor = res.Network.Add(new SpikeMonitor(res.InputSources!));
        int trials = 160, n = res.Neurons, per = segs + gap, m = res.InputSources!.Size;
        var labels = new int[trials];
        var feats = new double[trials * n];
        var inputFeats = new double[trials * m];
        var u = new double[per * channels];
        var x = new double[per * n];
        double tau = res.Options.FilterTauMs;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int tr = 0; tr < trials; tr++)
        {
            labels[tr] = rng.NextDouble() < 0.5 ? 0 : 1;
            Array.Clear(u);
            for (int s = 0; s < segs; s++)
                for (int c = 0; c < channels; c++) u[s * channels + c] = templates[labels[tr], s, c];
            inputMonitor.Clear();
            res.Collect(u, per, x);
            Array.Copy(x, (segs - 1) * n, feats, tr * n, n);
            // The input sources' own spike trains, filtered the same way and read at the same moment: the no-reservoir baseline.
            double tEnd = res.TimeMs - gap * res.Options.SampleMs, t0 = res.TimeMs - per * res.Options.SampleMs;
            var idx = inputMonitor.Indices; var steps = inputMonitor.Steps;
            for (int q = 0; q < idx.Length; q++)
            {
                double ts = steps[q] * res.Options.Dt;
                if (ts >= t0 && ts < tEnd) inputFeats[tr * m + idx[q]] += 1000 / tau * Math.Exp(-(tEnd - res.Options.Dt - ts) / tau);
            }
        }
        double Accuracy(double[] f, int d, double lambda)
        {
            int half = trials / 2;
            var y = new double[trials];
            for (int i = 0; i < trials; i++) y[i] = labels[i] == 1 ? 1 : -1;
            var ro = RidgeReadout.Fit(f.AsSpan(0, half * d), half, d, y.AsSpan(0, half), 1, lambda);
            var pred = new double[half];
            ro.Predict(f.AsSpan(half * d, half * d), half, pred);
            int ok = 0;
            for (int i = 0; i < half; i++) ok += (pred[i] > 0) == (y[half + i] > 0) ? 1 : 0;
            return ok / (double)half;
        }
        double simS = sw.Elapsed.TotalSeconds;
        double acc = Accuracy(feats, n, 1e3), accIn = Accuracy(inputFeats, m, 1e3);
        _out.WriteLine($"simulation {simS:F2} s, fits {sw.Elapsed.TotalSeconds - simS:F2} s");
        _out.WriteLine($"fresh-trial accuracy: reservoir {acc:F3}, filtered inputs alone {accIn:F3}; reservoir rate {res.TotalSpikes / (double)n / (res.TimeMs / 1000):F1} Hz");
        Assert.True(acc > 0.9, $"reservoir accuracy {acc:F3} (inputs alone {accIn:F3})");
    }

    [Fact]
    public void FeaturesAreTheExponentiallyFilteredSpikeTrainsOfAMonitor()
    {
        // Independent recomputation from a SpikeMonitor: at the end of step m a spike of step s contributes (1000/tau) exp(-(m - s) dt / tau).
        using var res = new SpikingReservoir(new SpikingReservoirOptions { Neurons = 100, Seed = 8 });
        var mon = res.Network.Add(new SpikeMonitor(res.Excitatory));
        int samples = 30, n = res.Neurons, S = res.StepsPerSample;
        var u = new double[samples];
        for (int t = 0; t < samples; t++) u[t] = Math.Sin(t);
        var x = new double[samples * n];
        res.Collect(u, samples, x);
        Assert.True(mon.TotalSpikes > 50, "the test needs spikes");
        double dt = res.Options.Dt, tau = res.Options.FilterTauMs, maxErr = 0;
        for (int s = 0; s < samples; s++)
        {
            long mEnd = (long)(s + 1) * S - 1;
            var expect = new double[res.Excitatory.Size];
            for (int q = 0; q < mon.Count; q++)
                if (mon.Steps[q] <= mEnd) expect[mon.Indices[q]] += 1000 / tau * Math.Exp(-(mEnd - mon.Steps[q]) * dt / tau);
            for (int j = 0; j < expect.Length; j++) maxErr = Math.Max(maxErr, Math.Abs(expect[j] - x[s * n + j]));
        }
        Assert.True(maxErr < 1e-9, $"max |feature - filtered monitor spikes| = {maxErr}");
    }

    [Fact]
    public void ObeysDalesLawAndIsSeeded()
    {
        var o = new SpikingReservoirOptions { Neurons = 100, Seed = 11 };
        using var a = new SpikingReservoir(o);
        using var b = new SpikingReservoir(o);
        using var c = new SpikingReservoir(new SpikingReservoirOptions { Neurons = 100, Seed = 12 });
        var u = new double[20];
        for (int t = 0; t < 20; t++) u[t] = Math.Cos(0.7 * t);
        double[] xa = new double[20 * 100], xb = new double[20 * 100], xc = new double[20 * 100];
        a.Collect(u, 20, xa); b.Collect(u, 20, xb); c.Collect(u, 20, xc);
        Assert.Equal(xa, xb);
        Assert.NotEqual(xa, xc);
        Assert.Equal(80, a.Excitatory.Size);
        Assert.Equal(20, a.Inhibitory.Size);
        int projections = 0;
        foreach (var coupling in a.Network.Couplings)
        {
            if (coupling is not Projection p || p.Source == a.InputSources) continue;
            projections++;
            Assert.True(p.SynapseCount > 0);
            foreach (float w in p.Weights!)
                Assert.True(p.Source == a.Excitatory ? w > 0 : w < 0, $"{p.Name}: weight {w} breaks Dale's law");
        }
        Assert.Equal(4, projections);
        // Reset returns to the seeded start: the same inputs give the same features again.
        a.Reset();
        var again = new double[20 * 100];
        a.Collect(u, 20, again);
        Assert.Equal(xa, again);
    }

    [Theory]
    [InlineData(ReservoirInputMode.Current)]
    [InlineData(ReservoirInputMode.Poisson)]
    public void CollectDoesNotAllocatePerSample(ReservoirInputMode mode)
    {
        using var res = new SpikingReservoir(new SpikingReservoirOptions { Neurons = 100, Inputs = 2, InputMode = mode, Seed = 2 });
        var u = new double[200 * 2];
        for (int i = 0; i < u.Length; i++) u[i] = Math.Sin(0.3 * i);
        var x = new double[200 * 100];
        for (int w = 0; w < 3; w++) res.Collect(u, 200, x); // build and JIT warm-up
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        res.Collect(u, 200, x);
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(res.TotalSpikes > 100);
        Assert.True(a1 - a0 < 1024, $"200 samples ({200 * res.StepsPerSample} steps) allocated {a1 - a0} B");
    }

    [Fact]
    public void BadSettingsAndInputsAreRejected()
    {
        Assert.Equal("WeightInhPa", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { WeightInhPa = 5 })).ParamName);
        Assert.Equal("WeightExcPa", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { WeightExcPa = -1 })).ParamName);
        Assert.Equal("ConnectionProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { ConnectionProbability = 1.2 })).ParamName);
        Assert.Equal("FilterTauMs", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { FilterTauMs = 0 })).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { SampleMs = 1.25, Dt = 0.5 }));
        Assert.Equal("SampleMs", e.ParamName);
        Assert.Contains("1.25", e.Message);
        Assert.Equal("ExcitatoryFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { ExcitatoryFraction = 1 })).ParamName);
        Assert.Equal("PoissonWeightPa", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { PoissonWeightPa = double.NaN })).ParamName);
        Assert.Equal("InputMode", Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { InputMode = (ReservoirInputMode)9 })).ParamName);
        var cell = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikingReservoir(new SpikingReservoirOptions { Cell = BrainSharp.Neurons.LifParams.Coba with { Cm = -1 } }));
        Assert.Equal("Cm", cell.ParamName);
        Assert.Contains("SpikingReservoir", cell.Message);
        using var res = new SpikingReservoir(new SpikingReservoirOptions { Neurons = 10, Inputs = 2 });
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => res.Collect(new double[3], 2, new double[20])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => res.Collect(new double[4], 2, new double[19])).ParamName);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => res.Collect([0, double.NaN, 0, 0], 2, new double[20])).Message);
    }
}
