using System.Diagnostics;

namespace BrainSharp.Fitting;

/// <summary>
/// Fits an <see cref="AdExTraceModel"/> to voltage recordings (and the spike times detected in them) in two stages that
/// use only the data and the bounds, never a guess of the answer:
///
/// 1. Start: <see cref="AdExRegression.Candidates"/> regresses the membrane equation on the recorded traces over a log
///    grid of (Delta_T, tau_w) spanning their bounds; each grid point yields a full parameter set. The candidates are
///    ranked by the fit's loss (one plain simulation each), a finer grid is laid around the best one and ranked too, and
///    the best <see cref="Starts"/> distinct candidates start stage 2 in parallel.
/// 2. Refinement: Levenberg-Marquardt with exact forward-mode Jacobians on the simulated traces, over growing windows
///    (the first <see cref="FirstWindowMs"/> of every protocol, grown by each of <see cref="WindowGrowths"/> until the
///    whole trace; every start runs under each schedule): the first spikes are easy to align from a regression start,
///    and once they are, the next few are close. Until the last window the loss
///    is the voltage MSE outside wide windows around the recorded spikes plus paired spike-time residuals
///    (<see cref="TraceObjective"/>), which pull every model spike towards its partner however far it is; the last
///    window is the plain voltage MSE outside narrow windows around the recorded spikes (<see cref="MaskBeforeMs"/>,
///    <see cref="MaskAfterMs"/>: there a spike a fraction of a step off moves whole samples of the upswing), the
///    maximum-likelihood loss for Gaussian recording noise. Spike times are left out of it on purpose: with forward
///    Euler the last step of the upswing overshoots V_peak by far, so a model spike time sits on the step boundary for
///    a wide range of parameters (a staircase with flat treads), and those residuals only add kinks that stall the
///    refinement a few tenths of a percent from the optimum.
///
/// <see cref="Dual8"/> carries eight derivatives and all nine AdEx parameters but V_peak (the cut-off, given) may be
/// fitted, so with nine the Gauss-Newton matrix is assembled from three forward passes (all but V_r, all but E_L, and
/// {E_L, V_r}), which together hold every pair: one Levenberg-Marquardt over all nine (alternating blocks of eight
/// instead crawls along the valleys that couple the two blocks). The result is the best refined start. Not
/// thread-safe: one <see cref="Run"/> at a time.
/// </summary>
public sealed class AdExFitter
{
    private readonly AdExTraceModel _model;
    private List<double[]>? _weights, _wideWeights;

    /// <param name="model">the AdEx model (its spike interpolation gives the spike times derivatives)</param>
    /// <param name="data">recordings: currents pA, voltages mV</param>
    /// <param name="spikeTimes">spike times detected in each recorded trace, ms, ascending</param>
    /// <param name="fit">parameters to fit with their bounds; they must include Delta_T and tau_w</param>
    /// <param name="fixedValues">values of the parameters not fitted (V_peak at least, mV)</param>
    public AdExFitter(AdExTraceModel model, TraceData data, IReadOnlyList<double[]> spikeTimes, IReadOnlyList<FitParameter> fit,
        IReadOnlyDictionary<string, double> fixedValues)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (spikeTimes.Count != data.Protocols)
            throw new ArgumentException($"{model.Name}: {spikeTimes.Count} spike trains for {data.Protocols} protocols of {data.Source}.");
        if (fit.Count == 0) throw new ArgumentException($"{model.Name}: no parameters to fit.");
        foreach (var f in fit) model.IndexOf(f.Name);
        if (fit.Select(f => f.Name).Distinct().Count() != fit.Count) throw new ArgumentException($"{model.Name}: a parameter is listed twice in the fit.");
        if (!fit.Any(f => f.Name == "Delta_T") || !fit.Any(f => f.Name == "tau_w"))
            throw new ArgumentException($"{model.Name}: the AdEx fitter searches Delta_T and tau_w; both must be among the fitted parameters.");
        if (fit.Count > 8 && (!fit.Any(f => f.Name == "E_L") || !fit.Any(f => f.Name == "V_r") || fit.Count > 9))
            throw new ArgumentException($"{model.Name}: more than eight fitted parameters are split into passes around E_L and V_r; fit at most nine, including both.");
        if (fit.Any(f => f.Name == "V_peak"))
            throw new ArgumentException($"{model.Name}: V_peak is the spike cut-off, not identifiable from sampled traces; give it as a fixed value.");
        _model = model; Data = data; SpikeTimes = spikeTimes; Fit = fit; FixedValues = fixedValues;
        Full = model.Defaults();
        foreach (var (name, value) in fixedValues)
        {
            if (!double.IsFinite(value)) throw new ArgumentException($"{model.Name}: fixed value of '{name}' is {value}.");
            Full[model.IndexOf(name)] = value;
        }
    }

    /// <summary>The recordings: currents pA, voltages mV.</summary>
    public TraceData Data { get; }
    /// <summary>Spike times detected in each recording, ms.</summary>
    public IReadOnlyList<double[]> SpikeTimes { get; }
    /// <summary>The fitted parameters with their bounds, in the order of the result's values.</summary>
    public IReadOnlyList<FitParameter> Fit { get; }
    /// <summary>Values of the parameters not fitted (model units).</summary>
    public IReadOnlyDictionary<string, double> FixedValues { get; }
    private double[] Full { get; }

    /// <summary>Points per axis of the first (Delta_T, tau_w) grid over the whole bounds (default 10).</summary>
    public int Grid { get; init; } = 10;
    /// <summary>Points per axis of the finer grid around the best first candidate (default 7).</summary>
    public int ZoomGrid { get; init; } = 7;
    /// <summary>Levenberg-Marquardt runs, from the best-ranked distinct candidates (default 8).</summary>
    public int Starts { get; init; } = 8;
    /// <summary>Levenberg-Marquardt iterations per window (default 60).</summary>
    public int MaxIterations { get; init; } = 60;
    /// <summary>Samples this long before each recorded spike are left out of the voltage MSE, ms (default 1).</summary>
    public double MaskBeforeMs { get; init; } = 1.0;
    /// <summary>Samples this long after each recorded spike are left out of the voltage MSE, ms (default 0.5).</summary>
    public double MaskAfterMs { get; init; } = 0.5;
    /// <summary>Half-width of the windows left out of the voltage MSE around recorded spikes before the last refinement window, ms (default 4).</summary>
    public double WideMaskMs { get; init; } = 4.0;
    /// <summary>0 (default): spike-time residuals pair model and recorded spikes in order; positive: alpha-kernel time constant of
    /// filtered-train residuals, ms (see <see cref="TraceObjective.SpikeKernelMs"/>).</summary>
    public double SpikeKernelMs { get; init; }
    /// <summary>Weight lambda of a squared spike residual against a squared voltage residual (mV^2/ms^2 for paired spike times, default 100).</summary>
    public double SpikeWeight { get; init; } = 100.0;
    /// <summary>Spike weight of the last window (the whole trace); 0 leaves the spikes to the voltage samples around them.</summary>
    public double FinalSpikeWeight { get; init; }
    /// <summary>Length of the first refinement window, ms; the window grows by <see cref="WindowGrowths"/> up to the whole trace (default 100; 0 fits the whole trace at once).</summary>
    public double FirstWindowMs { get; init; } = 100;
    /// <summary>Factors by which each refinement window is longer than the previous one; every start is refined under each
    /// (default 2 and 1.5: which schedule keeps a start in its basin varies with the data).</summary>
    public IReadOnlyList<double> WindowGrowths
    {
        get => _growths;
        init
        {
            if (value.Count == 0 || value.Any(g => !(g > 1) || !double.IsFinite(g)))
                throw new ArgumentOutOfRangeException(nameof(WindowGrowths), $"AdExFitter: window growth factors must be above 1, got [{string.Join(", ", value)}].");
            _growths = value.ToArray();
        }
    }
    private double[] _growths = [2, 1.5];
    /// <summary>Threads for ranking candidates and refining starts (default: all cores).</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs both stages; the result's values are in <see cref="Fit"/> order, its loss the last window's loss (mV^2).
    /// <paramref name="log"/> receives one line per stage and window.</summary>
    public FitResult Run(Action<string>? log = null)
    {
        var sw = Stopwatch.StartNew();
        long evaluations = 0;
        var history = new List<FitProgress>();
        BuildMasks();

        var dT = Fit.First(f => f.Name == "Delta_T");
        var tW = Fit.First(f => f.Name == "tau_w");
        double vPeak = Full[_model.IndexOf("V_peak")];
        var ranked = Rank(AdExRegression.Candidates(Data, SpikeTimes, vPeak, (dT.Lower, dT.Upper), (tW.Lower, tW.Upper), Grid), ref evaluations);
        if (ranked.Count == 0) throw new InvalidOperationException($"{_model.Name}: the regression gave no usable start on {Data.Source}.");
        log?.Invoke($"grid ({sw.Elapsed.TotalSeconds:F2} s): best loss {ranked[0].Loss:G5} at Delta_T {ranked[0].P[4]:G4}, tau_w {ranked[0].P[5]:G4}");
        // Zoom: one cell of the coarse grid either side of the best point, within the bounds.
        double cellD = Math.Pow(dT.Upper / dT.Lower, 1.0 / (Grid - 1)), cellT = Math.Pow(tW.Upper / tW.Lower, 1.0 / (Grid - 1));
        double bd = ranked[0].P[4], bt = ranked[0].P[5];
        var zoom = Rank(AdExRegression.Candidates(Data, SpikeTimes, vPeak,
            (Math.Max(dT.Lower, bd / cellD), Math.Min(dT.Upper, bd * cellD)), (Math.Max(tW.Lower, bt / cellT), Math.Min(tW.Upper, bt * cellT)), ZoomGrid), ref evaluations);
        ranked = ranked.Concat(zoom).OrderBy(c => c.Loss).ToList();
        history.Add(new FitProgress(sw.Elapsed.TotalSeconds, evaluations, ranked[0].Loss));
        log?.Invoke($"zoom ({sw.Elapsed.TotalSeconds:F2} s): best loss {ranked[0].Loss:G5} at Delta_T {ranked[0].P[4]:G4}, tau_w {ranked[0].P[5]:G4}");

        // Distinct starts: skip candidates whose (Delta_T, tau_w) lie within half a zoom cell of a chosen one.
        var starts = new List<double[]>();
        foreach (var c in ranked)
        {
            if (starts.Count >= Starts) break;
            bool near = starts.Any(s => Math.Abs(Math.Log(s[4] / c.P[4])) < 0.5 * Math.Log(cellD) / (ZoomGrid - 1)
                                     && Math.Abs(Math.Log(s[5] / c.P[5])) < 0.5 * Math.Log(cellT) / (ZoomGrid - 1));
            if (!near) starts.Add(c.P);
        }

        // Every start under every window schedule.
        int runs = starts.Count * _growths.Length;
        var results = new (double[] P, double Loss, long Evals)[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads },
            i => results[i] = Refine(starts[i / _growths.Length], _growths[i % _growths.Length], log));
        var best = results.OrderBy(r => r.Loss).First();
        evaluations += results.Sum(r => r.Evals);
        history.Add(new FitProgress(sw.Elapsed.TotalSeconds, evaluations, best.Loss));

        var values = Fit.Select(f => best.P[_model.IndexOf(f.Name)]).ToArray();
        return new FitResult("adex-regression+levenberg-marquardt", Fit, values, best.Loss, evaluations, sw.Elapsed.TotalSeconds, history);
    }

    /// <summary>The voltage weights from the init-only mask options, built once (before any parallel use, by <see cref="Run"/>).</summary>
    private void BuildMasks()
    {
        _weights ??= Enumerable.Range(0, Data.Protocols).Select(k => Mask(k, MaskBeforeMs, MaskAfterMs)).ToList();
        _wideWeights ??= Enumerable.Range(0, Data.Protocols).Select(k => Mask(k, WideMaskMs, WideMaskMs)).ToList();
    }

    private double[] Mask(int protocol, double before, double after)
    {
        int n = Data.Samples;
        var w = new double[n];
        Array.Fill(w, 1.0);
        foreach (double s in SpikeTimes[protocol])
        {
            int lo = Math.Max(0, (int)Math.Floor((s - before) / Data.Dt)), hi = Math.Min(n - 1, (int)Math.Ceiling((s + after) / Data.Dt));
            for (int k = lo; k <= hi; k++) w[k] = 0;
        }
        return w;
    }

    /// <summary>The fit's loss as an objective over the given block of fitted parameters, all others at <paramref name="p"/>.</summary>
    private TraceObjective Objective(IReadOnlyList<FitParameter> block, double[] p, int samples = int.MaxValue, bool wide = false)
    {
        BuildMasks();
        var weights = wide ? _wideWeights! : _weights!;
        if (samples >= Data.Samples && !wide)
            return FinalSpikeWeight > 0
                ? new TraceObjective(_model, Data, block, Named(p), _weights, SpikeTimes, FinalSpikeWeight) { SpikeKernelMs = SpikeKernelMs }
                : new TraceObjective(_model, Data, block, Named(p), _weights);
        // The first `samples` of every protocol: the recordings, masks and spikes up to there.
        samples = Math.Min(samples, Data.Samples);
        var data = new TraceData(Data.Dt, Data.Currents.Select(c => c[..samples]).ToList(), Data.Voltages.Select(v => v[..samples]).ToList(),
            $"{Data.Source} (first {samples * Data.Dt:G4} ms)");
        double end = samples * Data.Dt;
        return new TraceObjective(_model, data, block, Named(p), weights.Select(w => w[..samples]).ToList(),
            SpikeTimes.Select(t => t.Where(x => x < end).ToArray()).ToList(), SpikeWeight) { SpikeKernelMs = SpikeKernelMs };
    }

    private Dictionary<string, double> Named(double[] p)
    {
        var d = new Dictionary<string, double>();
        for (int i = 0; i < p.Length; i++) d[_model.Parameters[i].Name] = p[i];
        return d;
    }

    /// <summary>A full parameter vector with the fitted ones pulled strictly inside their bounds and the fixed ones set.</summary>
    private double[] Admissible(double[] candidate)
    {
        var p = (double[])Full.Clone();
        foreach (var f in Fit)
        {
            int i = _model.IndexOf(f.Name);
            double margin = 1e-3 * (f.Upper - f.Lower);
            p[i] = Math.Clamp(candidate[i], f.Lower + margin, f.Upper - margin);
        }
        return p;
    }

    private static double[] Unconstrained(IReadOnlyList<FitParameter> block, TraceModel model, double[] p)
        => block.Select(f => f.ToUnconstrained(p[model.IndexOf(f.Name)])).ToArray();

    private List<(double[] P, double Loss)> Rank(List<double[]> candidates, ref long evaluations)
    {
        var block = new[] { Fit[0] };
        var r = new (double[] P, double Loss)[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads }, i =>
        {
            var p = Admissible(candidates[i]);
            r[i] = (p, Objective(block, p).Loss(Unconstrained(block, _model, p)));
        });
        evaluations += candidates.Count;
        return r.Where(c => double.IsFinite(c.Loss)).OrderBy(c => c.Loss).ToList();
    }

    private (double[] P, double Loss, long Evals) Refine(double[] start, double growth, Action<string>? log)
    {
        var p = (double[])start.Clone();
        long evals = 0;
        double loss = double.PositiveInfinity;
        // Growing windows: the first spikes of each protocol are easy to align from the start; once they are, the next
        // ones are close, so doubling the fitted stretch keeps every stage in the right basin of the spike-timing loss.
        var windows = new List<int>();
        for (double ms = FirstWindowMs; ms > 0 && ms / Data.Dt < Data.Samples; ms *= growth) windows.Add((int)Math.Round(ms / Data.Dt));
        windows.Add(Data.Samples);
        foreach (int samples in windows)
        {
            bool last = samples == Data.Samples;
            p = Admissible(p);
            var u = Unconstrained(Fit, _model, p);
            loss = FitWindow(u, samples, ref evals);
            p = Values(u);
            log?.Invoke($"window {samples * Data.Dt:G4} ms: loss {loss:G6}");
        }
        return (p, loss, evals);
    }

    /// <summary>Levenberg-Marquardt over all of <see cref="Fit"/> on the first <paramref name="samples"/> of each protocol
    /// (wide masks and spike residuals unless that is the whole trace), from u (updated); returns the loss.</summary>
    private double FitWindow(double[] u, int samples, ref long evaluations)
    {
        bool wide = samples < Data.Samples;
        long count = 0;
        double loss = new LevenbergMarquardt { MaxIterations = MaxIterations }.Minimize(u,
            (x, g, h) => { count++; return LossGradientAndGaussNewton(x, g, h, samples, wide); },
            x => { count++; return Objective([Fit[0]], Values(x), samples, wide).Loss(Unconstrained([Fit[0]], _model, Values(x))); });
        evaluations += count;
        return loss;
    }

    /// <summary>The loss of the last window (the whole trace) at unconstrained coordinates u of <see cref="Fit"/>.</summary>
    internal double FinalLoss(double[] u) => Objective([Fit[0]], Values(u)).Loss(Unconstrained([Fit[0]], _model, Values(u)));

    /// <summary>All model parameters for unconstrained coordinates of <see cref="Fit"/>.</summary>
    internal double[] Values(double[] u)
    {
        var p = (double[])Full.Clone();
        for (int j = 0; j < Fit.Count; j++) p[_model.IndexOf(Fit[j].Name)] = Fit[j].FromUnconstrained(u[j]);
        return p;
    }

    /// <summary>
    /// Loss, gradient and Gauss-Newton matrix over all of <see cref="Fit"/>. <see cref="Dual8"/> carries eight derivatives,
    /// so nine parameters take three forward passes whose blocks together hold every pair: all but V_r, all but E_L, and
    /// {E_L, V_r}; each entry is taken from a pass that has both of its parameters.
    /// </summary>
    internal double LossGradientAndGaussNewton(double[] u, double[] grad, double[] gn, int samples, bool wide)
    {
        int d = Fit.Count;
        var p = Values(u);
        List<int[]> blocks = d <= 8 ? [Enumerable.Range(0, d).ToArray()]
            : [Indices(f => f.Name != "V_r"), Indices(f => f.Name != "E_L"), Indices(f => f.Name is "E_L" or "V_r")];
        double loss = 0;
        foreach (var idx in blocks)
        {
            var block = idx.Select(j => Fit[j]).ToArray();
            int m = idx.Length;
            var g = new double[m];
            var h = new double[m * m];
            loss = Objective(block, p, samples, wide).LossGradientAndGaussNewton(idx.Select(j => u[j]).ToArray(), g, h);
            for (int a = 0; a < m; a++)
            {
                grad[idx[a]] = g[a];
                for (int b = 0; b < m; b++) gn[idx[a] * d + idx[b]] = h[a * m + b];
            }
        }
        return loss;
    }

    private int[] Indices(Func<FitParameter, bool> keep) => Enumerable.Range(0, Fit.Count).Where(j => keep(Fit[j])).ToArray();
}
