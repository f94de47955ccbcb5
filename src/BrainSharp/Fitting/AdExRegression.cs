namespace BrainSharp.Fitting;

/// <summary>
/// A data-driven estimate of every AdEx parameter from recorded voltage traces, their injected currents and the detected
/// spike times, by linear regression of the membrane equation on the recorded trace (the "dynamic I-V" idea of
/// Badel et al. 2008, J Neurophysiol 99:656, and of the linear-in-parameters fits of Brette's and Rossant's work): no
/// simulation, no starting point, so it gives a gradient fit a start inside the right basin of its loss.
///
/// <see cref="AdExTraceModel"/> is forward Euler, so between spikes every step satisfies
///   (V[t+1] - V[t]) / dt = I/C - (g_L/C) V + g_L E_L/C + (g_L Delta_T/C) e^{(V - V_T)/Delta_T} - w/C,
/// and the hidden adaptation current is a linear filter of the recorded voltage and spikes,
///   w[t] = a Zv[t] - a E_L Z1[t] + b S[t],  Z[t+1] = (1 - dt/tau_w) Z[t] + (dt/tau_w) x[t] (x = V, 1),
///   S[t+1] = (1 - dt/tau_w) S[t] + [spike in step t],
/// (the cell starts at rest, w = 0). For fixed (Delta_T, tau_w) the derivative is therefore linear in seven
/// coefficients (1/C, -g_L/C, g_L E_L/C, g_L Delta_T e^{-V_T/Delta_T}/C, -a/C, a E_L/C, -b/C), found by least squares.
/// <see cref="Candidates"/> solves it on a log grid of (Delta_T, tau_w) within their bounds, for a fit to rank.
///
/// Measurement noise on V sits both in the difference and in the regressor V[t], which biases ordinary least squares
/// towards a too-fast leak; the regressors V[t] and e^{V[t]/Delta_T} are therefore instrumented by their values one
/// sample earlier (instrumental variables: V[t-1] is correlated with V[t] but not with the noise of V[t] and V[t+1]).
/// The steps holding a spike and the step after it are left out, and so, in a second pass, are samples far up the
/// exponential upswing (V above V_T + 3 Delta_T of the first pass), where the noise multiplied by e^{V/Delta_T} would
/// dominate. V_r is the mean of the first samples after the resets. On noise-free traces the estimate at the true
/// (Delta_T, tau_w) is exact to 0.2 % but for b (1 %: the filter lets w jump at the step holding the spike, the model
/// at the crossing inside it) and V_r (the reset sample lies a fraction of a step after the reset); with 0.5 mV noise
/// it is a few percent off (a by tens of percent: the sag it causes is small against the noise of a difference): a
/// start for <see cref="AdExFitter"/>, not a fit.
/// </summary>
public static class AdExRegression
{
    private const int Columns = 7;

    /// <summary>
    /// Estimates all AdEx parameters for a given slope factor <paramref name="deltaT"/> (mV) and adaptation time constant
    /// <paramref name="tauW"/> (ms), returned in <see cref="AdExTraceModel"/>'s parameter order (V_peak as given), or null
    /// when the regression is degenerate (too few samples between spikes, or a non-positive C or g_L).
    /// <paramref name="spikeTimes"/>: detected spike times per protocol, ms; <paramref name="vPeak"/>: the spike cut-off, mV
    /// (not identifiable from sampled traces, so given).
    /// </summary>
    public static double[]? EstimateAt(TraceData data, IReadOnlyList<double[]> spikeTimes, double vPeak, double deltaT, double tauW)
    {
        var spikeStep = SpikeSteps(data, spikeTimes, vPeak);
        if (!(deltaT > 0) || !(tauW > 0) || !double.IsFinite(deltaT) || !double.IsFinite(tauW))
            throw new ArgumentOutOfRangeException(nameof(deltaT), $"AdExRegression: Delta_T ({deltaT} mV) and tau_w ({tauW} ms) must be positive.");
        return EstimateAt(data, spikeStep, vPeak, deltaT, tauW);
    }

    /// <summary>
    /// <see cref="EstimateAt(TraceData, IReadOnlyList{double[]}, double, double, double)"/> on a <paramref name="grid"/> x
    /// <paramref name="grid"/> log grid of (Delta_T, tau_w) spanning the given bounds: the candidates a fit screens with
    /// its own loss. (The regression's own residual is a poor judge between grid points: with noisy V the noise of
    /// e^{V/Delta_T} grows as Delta_T shrinks, so it prefers too large a Delta_T.)
    /// </summary>
    public static List<double[]> Candidates(TraceData data, IReadOnlyList<double[]> spikeTimes, double vPeak,
        (double Lower, double Upper) deltaT, (double Lower, double Upper) tauW, int grid = 10)
    {
        if (!(deltaT.Lower > 0 && deltaT.Upper > deltaT.Lower) || !(tauW.Lower > 0 && tauW.Upper > tauW.Lower))
            throw new ArgumentOutOfRangeException(nameof(deltaT), $"AdExRegression: Delta_T range {deltaT} mV and tau_w range {tauW} ms must be positive and ordered.");
        if (grid < 2) throw new ArgumentOutOfRangeException(nameof(grid), grid, "AdExRegression: the grid needs at least 2 points per axis.");
        var spikeStep = SpikeSteps(data, spikeTimes, vPeak);
        var r = new double[]?[grid * grid];
        Parallel.For(0, grid * grid, i =>
        {
            double fd = (i % grid) / (grid - 1.0), ft = (i / grid) / (grid - 1.0);
            double dT = Math.Exp(Math.Log(deltaT.Lower) + fd * Math.Log(deltaT.Upper / deltaT.Lower));
            double tw = Math.Exp(Math.Log(tauW.Lower) + ft * Math.Log(tauW.Upper / tauW.Lower));
            r[i] = EstimateAt(data, spikeStep, vPeak, dT, tw);
        });
        var list = new List<double[]>();
        foreach (var c in r) if (c != null) list.Add(c);
        return list;
    }

    private static bool[][] SpikeSteps(TraceData data, IReadOnlyList<double[]> spikeTimes, double vPeak)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (spikeTimes.Count != data.Protocols)
            throw new ArgumentException($"AdExRegression: {spikeTimes.Count} spike trains for {data.Protocols} protocols of {data.Source}.");
        if (!double.IsFinite(vPeak)) throw new ArgumentOutOfRangeException(nameof(vPeak), vPeak, "AdExRegression: V_peak must be finite (mV).");
        int n = data.Samples;
        if (n < 4) throw new ArgumentException($"AdExRegression: {data.Source} has {n} samples; need at least 4.");
        var spikeStep = new bool[data.Protocols][];
        for (int p = 0; p < data.Protocols; p++)
        {
            spikeStep[p] = new bool[n];
            foreach (double t in spikeTimes[p])
            {
                int j = (int)Math.Floor(t / data.Dt);
                if (j >= 0 && j < n) spikeStep[p][j] = true;
            }
        }
        return spikeStep;
    }

    private static double[]? EstimateAt(TraceData data, bool[][] spikeStep, double vPeak, double deltaT, double tauW)
    {
        int n = data.Samples;
        var fit = new Problem(data, spikeStep, double.PositiveInfinity);
        var s = fit.Solve(deltaT, tauW);
        if (s == null) return null;
        var e = Parameters(s.Theta, deltaT, fit.VRef);
        // Second pass: without the far upswing, where e^{V/Delta_T} of noisy V is mostly noise.
        if (double.IsFinite(e.VT))
        {
            var fit2 = new Problem(data, spikeStep, e.VT + 3 * deltaT);
            var s2 = fit2.Solve(deltaT, tauW);
            if (s2 != null)
            {
                var e2 = Parameters(s2.Theta, deltaT, fit2.VRef);
                if (double.IsFinite(e2.VT)) e = e2;
            }
        }
        if (!(e.C > 0) || !(e.GL > 0) || !double.IsFinite(e.EL) || !double.IsFinite(e.VT) || !double.IsFinite(e.A) || !double.IsFinite(e.B)) return null;
        double vrSum = 0; int vrCount = 0;
        for (int p = 0; p < data.Protocols; p++)
            for (int j = 0; j + 1 < n; j++)
                if (spikeStep[p][j]) { vrSum += data.Voltages[p][j + 1]; vrCount++; }
        double vr = vrCount > 0 ? vrSum / vrCount : e.EL;
        return [e.C, e.GL, e.EL, e.VT, deltaT, tauW, e.A, e.B, vr, vPeak];
    }

    private readonly record struct Physical(double C, double GL, double EL, double VT, double A, double B);

    private static Physical Parameters(double[] th, double deltaT, double vRef)
    {
        double c = 1.0 / th[0], gl = -th[1] * c, el = th[2] * c / gl;
        // th[3] = g_L Delta_T e^{(vRef - V_T)/Delta_T} / C.
        double vt = th[3] > 0 && gl > 0 ? vRef - deltaT * Math.Log(th[3] * c / (gl * deltaT)) : double.NaN;
        return new Physical(c, gl, el, vt, -th[4] * c, -th[6] * c);
    }

    private sealed record Solution(double[] Theta, int Rows);

    /// <summary>The regression rows of one data set (which samples take part) and its instrumental-variables solve.</summary>
    private sealed class Problem
    {
        private readonly TraceData _data;
        private readonly bool[][] _use;
        private readonly bool[][] _spikeStep;

        public Problem(TraceData data, bool[][] spikeStep, double vCut)
        {
            _data = data; _spikeStep = spikeStep;
            int n = data.Samples;
            _use = new bool[data.Protocols][];
            VRef = double.NegativeInfinity;
            for (int p = 0; p < data.Protocols; p++)
            {
                var v = data.Voltages[p];
                _use[p] = new bool[n];
                for (int t = 1; t + 1 < n; t++)
                {
                    bool ok = !spikeStep[p][t] && !spikeStep[p][t - 1] && v[t] < vCut && v[t - 1] < vCut;
                    _use[p][t] = ok;
                    if (ok) VRef = Math.Max(VRef, Math.Max(v[t], v[t - 1]));
                }
            }
        }

        /// <summary>Voltage the exponential is taken relative to (the highest used sample), so that it cannot overflow.</summary>
        public double VRef { get; }

        /// <summary>Zv, Z1 and S per protocol for one tau_w (see the class summary).</summary>
        private double[][][] Filters(double tau)
        {
            double k = _data.Dt / tau, q = 1 - k;
            var r = new double[_data.Protocols][][];
            for (int p = 0; p < _data.Protocols; p++)
            {
                int n = _data.Samples;
                var v = _data.Voltages[p];
                double[] zv = new double[n], z1 = new double[n], s = new double[n];
                for (int t = 0; t + 1 < n; t++)
                {
                    zv[t + 1] = q * zv[t] + k * v[t];
                    z1[t + 1] = q * z1[t] + k;
                    s[t + 1] = q * s[t] + (_spikeStep[p][t] ? 1 : 0);
                }
                r[p] = [zv, z1, s];
            }
            return r;
        }

        public Solution? Solve(double deltaT, double tau)
        {
            var filters = Filters(tau);
            var zx = new double[Columns * Columns];
            var zy = new double[Columns];
            int rows = 0;
            Span<double> x = stackalloc double[Columns], z = stackalloc double[Columns];
            double dt = _data.Dt, vRef = VRef;
            for (int p = 0; p < _data.Protocols; p++)
            {
                var v = _data.Voltages[p];
                var cur = _data.Currents[p];
                var use = _use[p];
                var f = filters[p];
                for (int t = 1; t + 1 < v.Length; t++)
                {
                    if (!use[t]) continue;
                    double y = (v[t + 1] - v[t]) / dt;
                    x[0] = cur[t]; x[1] = v[t]; x[2] = 1; x[3] = Math.Exp((v[t] - vRef) / deltaT); x[4] = f[0][t]; x[5] = f[1][t]; x[6] = f[2][t];
                    z[0] = cur[t]; z[1] = v[t - 1]; z[2] = 1; z[3] = Math.Exp((v[t - 1] - vRef) / deltaT); z[4] = x[4]; z[5] = x[5]; z[6] = x[6];
                    for (int i = 0; i < Columns; i++)
                    {
                        double zi = z[i];
                        for (int j = 0; j < Columns; j++) zx[i * Columns + j] += zi * x[j];
                        zy[i] += zi * y;
                    }
                    rows++;
                }
            }
            if (rows < 4 * Columns) return null;
            var theta = (double[])zy.Clone();
            if (!SolveGeneral(zx, theta)) return null;
            foreach (double t in theta) if (!double.IsFinite(t)) return null;
            return new Solution(theta, rows);
        }
    }

    /// <summary>Gaussian elimination with column equilibration and partial pivoting (A n x n row-major; b becomes x).</summary>
    private static bool SolveGeneral(double[] a, double[] b)
    {
        int n = b.Length;
        // Columns differ by orders of magnitude (pA, mV, 1, e^x): scale each to unit largest entry first.
        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m = Math.Max(m, Math.Abs(a[i * n + j]));
            if (!(m > 0) || !double.IsFinite(m)) return false;
            scale[j] = 1 / m;
            for (int i = 0; i < n; i++) a[i * n + j] *= scale[j];
        }
        for (int c = 0; c < n; c++)
        {
            int piv = c;
            for (int i = c + 1; i < n; i++) if (Math.Abs(a[i * n + c]) > Math.Abs(a[piv * n + c])) piv = i;
            if (!(Math.Abs(a[piv * n + c]) > 1e-14)) return false;
            if (piv != c)
            {
                for (int j = 0; j < n; j++) (a[c * n + j], a[piv * n + j]) = (a[piv * n + j], a[c * n + j]);
                (b[c], b[piv]) = (b[piv], b[c]);
            }
            for (int i = c + 1; i < n; i++)
            {
                double m = a[i * n + c] / a[c * n + c];
                if (m == 0) continue;
                for (int j = c; j < n; j++) a[i * n + j] -= m * a[c * n + j];
                b[i] -= m * b[c];
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= a[i * n + j] * b[j];
            b[i] = s / a[i * n + i];
        }
        for (int j = 0; j < n; j++) b[j] *= scale[j];
        return true;
    }
}
