using BrainSharp.Fitting;
using BrainSharp.Random;

namespace BrainSharp.Tests.Fitting;

/// <summary>
/// The AdEx regression start: on noise-free traces of the forward-Euler model, the instrumented regression at the true
/// (Delta_T, tau_w) must return the generating parameters (the membrane equation holds exactly between spikes, and the
/// adaptation filter reproduces w), V_r up to the fraction of a step that the first post-reset sample lies after the
/// reset; the grid spans the given bounds; bad input is named.
/// </summary>
public class AdExRegressionTests
{
    private const double Dt = 0.1;

    private static (TraceData Data, double[][] Spikes) Record(double[] p, double[][] currents)
    {
        var model = new AdExTraceModel();
        var volts = new List<double[]>();
        var spikes = new List<double[]>();
        foreach (var i in currents)
        {
            var v = new Real[i.Length];
            model.Simulate<Real>(p.Select(x => new Real(x)).ToArray(), i, Dt, v);
            var vs = v.Select(x => x.Value).ToArray();
            volts.Add(vs);
            // A reset is a drop of more than 15 mV between samples; the spike lies in the step before it.
            var s = new List<double>();
            for (int k = 1; k < vs.Length; k++) if (vs[k] - vs[k - 1] < -15) s.Add((k - 0.5) * Dt);
            spikes.Add([.. s]);
        }
        return (new TraceData(Dt, currents, volts, "noise-free adex"), [.. spikes]);
    }

    private static double[] Currents(int n, ulong seed, double mean, double sd)
    {
        var rs = new RandomStream(seed);
        var i = new double[n];
        for (int k = 0; k < n; k++) i[k] = (k < n / 4 ? -150 : k < n / 2 ? 300 : mean) + sd * rs.NextNormal();
        return i;
    }

    // C, g_L, E_L, V_T, Delta_T, tau_w, a, b, V_r, V_peak: not the defaults, so that nothing can come from them.
    private static readonly double[] Truth = [200, 12, -65, -52, 1.5, 90, 2.5, 40, -58, 10];

    [Fact]
    public void NoiseFreeTracesGiveTheGeneratingParameters()
    {
        var (data, spikes) = Record(Truth, [Currents(6000, 1, 350, 60), Currents(6000, 2, 500, 120)]);
        Assert.True(spikes.Sum(s => s.Length) >= 10, "the protocols should make the cell spike");
        var e = AdExRegression.EstimateAt(data, spikes, Truth[9], Truth[4], Truth[5]);
        Assert.NotNull(e);
        var model = new AdExTraceModel();
        // b to 1%: the filter lets w jump at the step holding the spike, the model at the crossing inside it, and the
        // regression leaves out the rows around each reset.
        for (int j = 0; j < 8; j++)
            Assert.True(Math.Abs(e![j] - Truth[j]) <= (j == 7 ? 1e-2 : 2e-3) * Math.Abs(Truth[j]), $"{model.Parameters[j].Name}: {e[j]} vs {Truth[j]}");
        // The first sample after a reset lies (1 - phi) dt after it, a fraction of a millivolt above V_r here.
        Assert.InRange(e![8] - Truth[8], -0.05, 0.6);
        Assert.Equal(Truth[9], e[9]);
    }

    [Fact]
    public void CandidatesLieOnALogGridOverTheBounds()
    {
        var (data, spikes) = Record(Truth, [Currents(6000, 1, 350, 60), Currents(6000, 2, 500, 120)]);
        // Bounds chosen so that the 5 x 5 grid (factor 2 per point) passes through the truth's Delta_T 1.5 and tau_w 90.
        var c = AdExRegression.Candidates(data, spikes, Truth[9], (0.375, 6), (22.5, 360), grid: 5);
        Assert.InRange(c.Count, 2, 25); // degenerate grid points (a negative C or g_L) are dropped
        double[] dGrid = [0.375, 0.75, 1.5, 3, 6], tGrid = [22.5, 45, 90, 180, 360];
        foreach (var x in c)
        {
            Assert.Contains(dGrid, d => Math.Abs(d - x[4]) < 1e-9);
            Assert.Contains(tGrid, t => Math.Abs(t - x[5]) < 1e-9);
        }
        var atTruth = c.Single(x => Math.Abs(x[4] - 1.5) < 1e-9 && Math.Abs(x[5] - 90) < 1e-9);
        var direct = AdExRegression.EstimateAt(data, spikes, Truth[9], 1.5, 90)!;
        for (int j = 0; j < 10; j++) Assert.Equal(direct[j], atTruth[j], 9);
        Assert.Equal(Truth[0], atTruth[0], 0.002 * Truth[0]);
    }

    [Fact]
    public void NineParameterGradientFromThreeDualPassesMatchesFiniteDifferences()
    {
        var (data, spikes) = Record(Truth, [Currents(3000, 5, 380, 60)]);
        string[] names = ["C", "g_L", "E_L", "V_T", "Delta_T", "tau_w", "a", "b", "V_r"];
        var model = new AdExTraceModel();
        var fit = names.Select(n => { double t = Truth[model.IndexOf(n)]; return new FitParameter(n, Math.Min(0.5 * t, 1.5 * t), Math.Max(0.5 * t, 1.5 * t)); }).ToArray();
        var fitter = new AdExFitter(model, data, spikes, fit, new Dictionary<string, double> { ["V_peak"] = Truth[9] });
        // A point 2-4 % off the truth, so that the residuals are not zero.
        var u = fit.Select((f, j) => f.ToUnconstrained(Truth[model.IndexOf(f.Name)] * (1 + 0.02 * (1 + j % 3) * (j % 2 == 0 ? 1 : -1)))).ToArray();
        var g = new double[9];
        var gn = new double[81];
        double loss = fitter.LossGradientAndGaussNewton(u, g, gn, data.Samples, wide: false);
        Assert.Equal(fitter.FinalLoss(u), loss, 1e-9 * loss);
        double scale = g.Max(Math.Abs);
        for (int j = 0; j < 9; j++)
        {
            // A small step: off the truth the spikes are misaligned, the unmasked upswing samples make the loss steep, and
            // a central difference only settles below h ~ 1e-6 (it converges to the forward-mode value as h shrinks).
            const double h = 1e-7;
            var up = (double[])u.Clone(); up[j] += h;
            var dn = (double[])u.Clone(); dn[j] -= h;
            double fd = (fitter.FinalLoss(up) - fitter.FinalLoss(dn)) / (2 * h);
            Assert.True(Math.Abs(fd - g[j]) <= 1e-5 * scale + 1e-4 * Math.Abs(fd), $"{names[j]}: gradient {g[j]}, finite difference {fd}");
        }
        // J^T W J: symmetric with a non-negative diagonal, every entry filled (the E_L-V_r pair comes from the third pass).
        for (int i = 0; i < 9; i++)
        {
            Assert.True(gn[i * 9 + i] > 0, $"{names[i]}: Gauss-Newton diagonal {gn[i * 9 + i]}");
            for (int j = 0; j < 9; j++) Assert.Equal(gn[i * 9 + j], gn[j * 9 + i], 1e-9 * Math.Sqrt(gn[i * 9 + i] * gn[j * 9 + j]));
        }
        Assert.NotEqual(0.0, gn[2 * 9 + 8]);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var (data, spikes) = Record(Truth, [Currents(2000, 4, 400, 80)]);
        var ex = Assert.Throws<ArgumentException>(() => AdExRegression.EstimateAt(data, [spikes[0], spikes[0]], 10, 1.5, 90));
        Assert.Contains("2 spike trains for 1 protocols", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AdExRegression.EstimateAt(data, spikes, 10, -1, 90));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdExRegression.Candidates(data, spikes, 10, (2, 1), (20, 500)));

        var model = new AdExTraceModel();
        var fixedPeak = new Dictionary<string, double> { ["V_peak"] = 10 };
        ex = Assert.Throws<ArgumentException>(() => new AdExFitter(model, data, spikes, [new FitParameter("C", 50, 500), new FitParameter("tau_w", 10, 500)], fixedPeak));
        Assert.Contains("Delta_T and tau_w", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new AdExFitter(model, data, spikes,
            [new FitParameter("Delta_T", 0.5, 5), new FitParameter("tau_w", 10, 500), new FitParameter("V_peak", 0, 30)], fixedPeak));
        Assert.Contains("V_peak", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new AdExFitter(model, data, spikes, [new FitParameter("Delta_T", 0.5, 5), new FitParameter("tau_x", 10, 500)], fixedPeak));
        Assert.Contains("tau_x", ex.Message);
    }
}
