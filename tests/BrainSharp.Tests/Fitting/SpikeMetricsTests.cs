using BrainSharp.Fitting;

namespace BrainSharp.Tests.Fitting;

public class SpikeMetricsTests
{
    [Fact]
    public void VanRossumClosedFormEqualsFilteredTraceDistance()
    {
        // D^2 = (1/tau) * integral (f_x - f_y)^2 dt with f = sum of e^{-(t - t_i)/tau} H(t - t_i): integrate numerically.
        double[] x = [5, 12, 30.5], y = [6, 29, 60];
        double tau = 8, h = 0.0005, integral = 0;
        for (double t = 0; t < 200; t += h)
        {
            double fx = x.Where(s => s <= t).Sum(s => Math.Exp(-(t - s) / tau));
            double fy = y.Where(s => s <= t).Sum(s => Math.Exp(-(t - s) / tau));
            integral += (fx - fy) * (fx - fy) * h;
        }
        double closed = SpikeMetrics.VanRossumSquared(x.Select(v => new Real(v)).ToList(), y, tau).Value;
        Assert.Equal(integral / tau, closed, 3);
    }

    [Fact]
    public void GammaFactorIsOneForIdenticalTrainsAndNearZeroForIndependentOnes()
    {
        double[] a = Enumerable.Range(1, 50).Select(i => i * 19.3).ToArray();
        Assert.Equal(1.0, SpikeMetrics.GammaFactor(a, a, 2, 1000), 10);
        // A regular train against a shifted one that never falls within delta: fewer coincidences than chance.
        double[] b = a.Select(t => t + 9.0).ToArray();
        Assert.True(SpikeMetrics.GammaFactor(b, a, 2, 1000) < 0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SpikeMetrics.GammaFactor(a, a, -1, 1000));
        Assert.Contains("delta", ex.Message);
    }

    [Fact]
    public void SpikeLossGradientMatchesFiniteDifferencesWhereSpikeCountIsFixed()
    {
        var model = new AdExTraceModel();
        var truth = model.Defaults();
        double dt = 0.05; int n = 6000;
        var current = Enumerable.Range(0, n).Select(k => k * dt >= 20 ? 900.0 : 0.0).ToArray();
        var times = new List<Real>();
        model.Simulate<Real>(truth.Select(v => new Real(v)).ToArray(), current, dt, new Real[n], times);
        Assert.True(times.Count >= 5, $"only {times.Count} spikes");
        // Data: the same cell with slightly different adaptation, so the loss is non-zero.
        var data = times.Select(t => t.Value * 1.01 + 0.3).ToArray();
        var fit = new[] { new FitParameter("V_T", -60, -40), new FitParameter("b", 10, 300), new FitParameter("tau_w", 20, 500) };
        var obj = new SpikeObjective(model, [current], dt, [data], fit);
        var u = fit.Select(f => f.ToUnconstrained(truth[model.IndexOf(f.Name)])).ToArray();
        var g = new double[3];
        obj.LossAndGradient(u, g);
        for (int j = 0; j < 3; j++)
        {
            // A small step: a few 1e-4 away in u a spike near the end of the trace appears, and the loss jumps.
            double e = 1e-7;
            var up = (double[])u.Clone(); up[j] += e;
            var um = (double[])u.Clone(); um[j] -= e;
            double fd = (obj.Loss(up) - obj.Loss(um)) / (2 * e);
            Assert.True(Math.Abs(g[j] - fd) <= 1e-4 * Math.Abs(fd) + 1e-8, $"{fit[j].Name}: forward mode {g[j]}, finite difference {fd}");
        }
    }
    /// <summary>Two trains with no two spikes of either within 2 delta of each other: a jittered regular data train, and a
    /// model train with some spikes moved, one dropped and one added.</summary>
    private static (double[] Model, double[] Data) TrainPair()
    {
        var rs = new BrainSharp.Random.RandomStream(5);
        var data = Enumerable.Range(1, 40).Select(i => i * 24.0 + 6 * rs.NextDouble()).ToArray();
        var model = data.Where((_, i) => i != 7).Select((t, i) => t + (i % 3 == 0 ? 3.5 : 1.2 * (rs.NextDouble() - 0.5))).Append(995.0).OrderBy(t => t).ToArray();
        return (model, data);
    }

    [Fact]
    public void SmoothGammaTendsToTheExactGammaAsTheWindowEdgesSharpen()
    {
        var (model, data) = TrainPair();
        double exact = SpikeMetrics.GammaFactor(model, data, 2, 1000);
        Assert.InRange(exact, 0.3, 0.95); // a partial match, not a trivial case
        var mt = model.Select(t => new Real(t)).ToList();
        double previous = double.PositiveInfinity;
        var errors = new List<double>();
        foreach (double eps in new[] { 1.0, 0.5, 0.25, 0.1, 0.02, 0.004 })
        {
            double err = Math.Abs(SpikeMetrics.SmoothGammaFactor(mt, data, 2, 1000, eps).Value - exact);
            Assert.True(err <= previous, $"error {err} at softness {eps} grew (was {previous})");
            previous = err;
            errors.Add(err);
        }
        Assert.True(errors[0] > 1e-3, $"at softness 1 ms the relaxation should differ visibly, got {errors[0]}");
        Assert.True(previous < 1e-9, $"smooth gamma at softness 0.004 ms is {previous} from the exact one");
        Assert.Equal(1.0, SpikeMetrics.SmoothGammaFactor(data.Select(t => new Real(t)).ToList(), data, 2, 1000, 0.01).Value, 6);
    }

    [Fact]
    public void SmoothGammaGradientMatchesFiniteDifferences()
    {
        var (model, data) = TrainPair();
        // Derivatives with respect to the first eight model spikes that lie near a data spike's window edge.
        var vars = model.Select(t => Dual8.Constant(t)).ToList();
        for (int i = 0; i < 8; i++) vars[i] = Dual8.Variable(model[i], i);
        var g = SpikeMetrics.SmoothGammaFactor(vars, data, 2, 1000, 0.5);
        bool anyNonZero = false;
        for (int i = 0; i < 8; i++)
        {
            double h = 1e-6;
            var up = (double[])model.Clone(); up[i] += h;
            var dn = (double[])model.Clone(); dn[i] -= h;
            double fd = (SpikeMetrics.SmoothGammaFactor(up.Select(t => new Real(t)).ToList(), data, 2, 1000, 0.5).Value
                       - SpikeMetrics.SmoothGammaFactor(dn.Select(t => new Real(t)).ToList(), data, 2, 1000, 0.5).Value) / (2 * h);
            Assert.True(Math.Abs(g[i] - fd) <= 1e-6 * Math.Abs(fd) + 1e-9, $"d gamma / d t_{i}: forward mode {g[i]}, finite difference {fd}");
            anyNonZero |= Math.Abs(fd) > 1e-3;
        }
        Assert.True(anyNonZero, "some spike should sit near a window edge");
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeMetrics.SmoothGammaFactor(vars, data, 2, 1000, 0));
    }

    [Fact]
    public void GammaSpikeLossGradientMatchesFiniteDifferences()
    {
        var model = new AdExTraceModel();
        var truth = model.Defaults();
        double dt = 0.1; int n = 5000;
        var current = Enumerable.Range(0, n).Select(k => k * dt >= 20 ? 1000.0 : 0.0).ToArray();
        var times = new List<Real>();
        model.Simulate<Real>(truth.Select(v => new Real(v)).ToArray(), current, dt, new Real[n], times);
        var data = times.Select(t => t.Value * 1.02 + 0.5).ToArray();
        var fit = new[] { new FitParameter("V_T", -60, -40), new FitParameter("b", 10, 300), new FitParameter("tau_w", 20, 500) };
        var obj = new SpikeObjective(model, [current], dt, [data], fit) { Metric = SpikeLoss.Gamma, Delta = 2, Softness = 0.5 };
        var u = fit.Select(f => f.ToUnconstrained(truth[model.IndexOf(f.Name)])).ToArray();
        var g = new double[3];
        double f0 = obj.LossAndGradient(u, g);
        Assert.InRange(f0, 0.01, 1.0);
        for (int j = 0; j < 3; j++)
        {
            double e = 1e-7;
            var up = (double[])u.Clone(); up[j] += e;
            var um = (double[])u.Clone(); um[j] -= e;
            double fd = (obj.Loss(up) - obj.Loss(um)) / (2 * e);
            Assert.True(Math.Abs(g[j] - fd) <= 1e-4 * Math.Abs(fd) + 1e-7, $"{fit[j].Name}: forward mode {g[j]}, finite difference {fd}");
        }
    }
}
