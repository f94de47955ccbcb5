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
}
