using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Synapses;
using BrainSharp.Tests.Synapses;

namespace BrainSharp.Tests.Inputs;

public class InputTests
{
    /// <summary>Runs input then group for n steps; returns the current neuron 0 received in each step.</summary>
    private static double[] Drive(Func<PassiveGroup, DynamicalSystem> make, int steps, double dt = 0.1, int n = 2)
    {
        var g = new PassiveGroup(n);
        var input = make(g);
        var clock = new Clock(dt);
        var trace = new double[steps];
        for (int s = 0; s < steps; s++)
        {
            input.Update(clock); g.Update(clock);
            trace[s] = g.LastCurrent[0];
            clock.Step++;
        }
        return trace;
    }

    [Fact]
    public void DeterministicCurrents_FollowTheirDefinitions()
    {
        double dt = 0.1;
        var c = Drive(g => new ConstantCurrent(g, 150), 10);
        Assert.All(c, x => Assert.Equal(150.0, x, 1e-4));

        var st = Drive(g => new StepCurrent(g, [(1.0, 3.0, 100.0), (2.0, 4.0, -30.0)]), 50);
        for (int s = 0; s < 50; s++)
        {
            double t = s * dt, expected = (t >= 1 - 1e-9 && t < 3 - 1e-9 ? 100 : 0) + (t >= 2 - 1e-9 && t < 4 - 1e-9 ? -30 : 0);
            Assert.Equal(expected, st[s], 1e-3);
        }

        var r = Drive(g => new RampCurrent(g, 1, 3, 0, 200), 40);
        Assert.Equal(0, r[9], 1e-4);
        Assert.Equal(100, r[20], 1e-3);          // halfway (t = 2 ms)
        Assert.Equal(190, r[29], 1e-3);
        Assert.Equal(0, r[30], 1e-4);

        var sn = Drive(g => new SinusoidalCurrent(g, 50, 100, Math.PI / 2, 10), 200);   // 100 Hz: period 10 ms
        for (int s = 0; s < 200; s += 13)
            Assert.Equal(10 + 50 * Math.Cos(2 * Math.PI * 100 * s * dt / 1000), sn[s], 1e-3);
    }

    [Fact]
    public void ConstantCurrent_PerNeuron()
    {
        var g = new PassiveGroup(3, batch: 2);
        var input = new ConstantCurrent(g, [1f, 2f, 3f]);
        input.Update(new Clock(0.1));
        Assert.Equal([1f, 2f, 3f, 1f, 2f, 3f], g.InputCurrent);
        Assert.Throws<ArgumentException>(() => new ConstantCurrent(g, [1f, 2f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepCurrent(g, [(5.0, 4.0, 1.0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RampCurrent(g, 0, 10, double.NaN, 1));
    }

    [Fact]
    public void OrnsteinUhlenbeck_StationaryMomentsAndAutocorrelation()
    {
        double mu = 50, sigma = 20, tau = 5, dt = 0.1;
        int n = 2000, steps = 400, lag = 50;                       // lag 5 ms: correlation exp(-1)
        var g = new PassiveGroup(n);
        var ou = new OrnsteinUhlenbeckCurrent(g, mu, sigma, tau, seed: 12);
        var clock = new Clock(dt);
        var snapA = new double[n];
        double sum = 0, sumSq = 0, cross = 0;
        int samples = 0;
        for (int s = 0; s < steps; s++)
        {
            ou.Update(clock); g.Update(clock); clock.Step++;
            if (s % 100 == 0)
                for (int i = 0; i < n; i++) { sum += ou.Current[i]; sumSq += ou.Current[i] * (double)ou.Current[i]; samples++; }
            if (s == 100) for (int i = 0; i < n; i++) snapA[i] = ou.Current[i] - mu;
            if (s == 100 + lag) for (int i = 0; i < n; i++) cross += snapA[i] * (ou.Current[i] - mu);
        }
        double mean = sum / samples, var = sumSq / samples - mean * mean;
        Assert.True(Math.Abs(mean - mu) < 3 * sigma / Math.Sqrt(samples / 2.0), $"mean {mean}");
        Assert.InRange(var / (sigma * sigma), 0.92, 1.08);
        double corr = cross / n / (sigma * sigma);
        Assert.True(Math.Abs(corr - Math.Exp(-lag * dt / tau)) < 3 * 1.2 / Math.Sqrt(n), $"autocorrelation {corr}, expected {Math.Exp(-1)}");
        Assert.Equal(ou.Current[7], g.LastCurrent[7], 1e-4);       // the current reaches the group

        // Same seed, same noise; different seed, different noise.
        double[] Run(ulong seed)
        {
            var gg = new PassiveGroup(4); var o = new OrnsteinUhlenbeckCurrent(gg, 0, 1, 3, seed); var c = new Clock(0.1);
            for (int s = 0; s < 20; s++) { o.Update(c); gg.Update(c); c.Step++; }
            return o.Current.Select(x => (double)x).ToArray();
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void PoissonGroup_RateAndFanoFactor()
    {
        int n = 200, steps = 10000; double rate = 100, dt = 0.1;     // 1 s
        var p = new PoissonGroup(n, rate, seed: 3);
        var clock = new Clock(dt);
        int window = 1000, nWin = steps / window;                     // 100 ms windows
        var counts = new int[n, nWin];
        long total = 0;
        for (int s = 0; s < steps; s++)
        {
            p.Update(clock); clock.Step++;
            foreach (int i in p.Spikes.Current) { counts[i, s / window]++; total++; }
        }
        double expected = n * rate * steps * dt / 1000;
        Assert.True(Math.Abs(total - expected) < 3 * Math.Sqrt(expected), $"{total} spikes, expected {expected}");
        double m = 0, v = 0; int cells = n * nWin;
        foreach (int c in counts) m += c;
        m /= cells;
        foreach (int c in counts) v += (c - m) * (c - m);
        v /= cells - 1;
        Assert.InRange(v / m, 0.9, 1.08);                              // Bernoulli steps: 1 - p = 0.99
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonGroup(3, -1, 0));
        Assert.Contains("PoissonGroup", e.Message);
    }

    [Fact]
    public void PoissonInput_CountsArePoisson()
    {
        var syn = new DeltaSynapse(1000, scaleByDt: false);
        var drive = new PoissonInput(syn, count: 800, rate: 25, weight: 0.5, seed: 9);   // mean 2 per step
        var clock = new Clock(0.1);
        double sum = 0, sumSq = 0; int samples = 0;
        for (int s = 0; s < 50; s++)
        {
            drive.Update(clock);
            foreach (float a in syn.Arrivals) { double k = a / 0.5; sum += k; sumSq += k * k; samples++; }
            Array.Clear(syn.Arrivals); clock.Step++;
        }
        double mean = sum / samples, var = sumSq / samples - mean * mean;
        Assert.True(Math.Abs(mean - 2) < 3 * Math.Sqrt(2.0 / samples), $"mean {mean}");
        Assert.InRange(var / mean, 0.95, 1.05);

        // Large means are split into chunks: still Poisson.
        var big = new PoissonInput(syn, count: 10000, rate: 200, weight: 1, seed: 9);  // mean 200 per step
        sum = 0; sumSq = 0; samples = 0;
        for (int s = 0; s < 10; s++)
        {
            big.Update(clock);
            foreach (float a in syn.Arrivals) { sum += a; sumSq += a * (double)a; samples++; }
            Array.Clear(syn.Arrivals); clock.Step++;
        }
        mean = sum / samples; var = sumSq / samples - mean * mean;
        Assert.True(Math.Abs(mean - 200) < 3 * Math.Sqrt(200.0 / samples), $"mean {mean}");
        Assert.InRange(var / mean, 0.93, 1.07);
    }

    [Fact]
    public void PoissonInput_IntoAGroupInjectsChargePulses()
    {
        var g = new PassiveGroup(500);
        var drive = new PoissonInput(g, count: 100, rate: 50, weight: 3, seed: 4) { FirstNeuron = 100, NeuronCount = 300, StartMs = 1 };
        var clock = new Clock(0.1);
        double sum = 0; int samples = 0;
        for (int s = 0; s < 60; s++)
        {
            Array.Clear(g.InputCurrent);
            drive.Update(clock);
            for (int i = 0; i < 500; i++)
            {
                double k = g.InputCurrent[i] * 0.1 / 3;          // spikes this step
                Assert.Equal(Math.Round(k), k, 1e-3);
                if (i < 100 || i >= 400 || clock.T < 1) Assert.Equal(0, k);
                else { sum += k; samples++; }
            }
            clock.Step++;
        }
        double mean = sum / samples;                             // 100 x 50 Hz x 0.1 ms = 0.5
        Assert.True(Math.Abs(mean - 0.5) < 3 * Math.Sqrt(0.5 / samples), $"mean {mean}");
    }

    [Fact]
    public void SpikeGenerator_EmitsExactlyTheGivenSpikes()
    {
        int[] idx = [2, 0, 1, 2, 0];
        double[] t = [0.0, 0.3, 0.3, 1.04, 1.96];                    // steps 0, 3, 3, 10, 20 at dt = 0.1
        var gen = new SpikeGeneratorGroup(3, idx, t);
        var clock = new Clock(0.1);
        var got = new List<(long, int)>();
        for (int s = 0; s < 30; s++)
        {
            gen.Update(clock);
            foreach (int i in gen.Spikes.Current) got.Add((clock.Step, i));
            clock.Step++;
        }
        Assert.Equal([(0L, 2), (3L, 0), (3L, 1), (10L, 2), (20L, 0)], got);
        var dup = new SpikeGeneratorGroup(2, [1, 1], [1.0, 1.02]);
        Assert.Throws<InvalidOperationException>(() => dup.Update(new Clock(0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeGeneratorGroup(2, [2], [1.0]));
    }
}
