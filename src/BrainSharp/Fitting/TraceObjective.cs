using System.Runtime.Intrinsics;

namespace BrainSharp.Fitting;

/// <summary>
/// Mean squared error (mV^2) between a model's membrane potential and recorded traces, as a function of the
/// unconstrained coordinates of the fitted parameters (see <see cref="FitParameter"/>). The value comes from a
/// plain float64 simulation; value and gradient come from one forward-mode (<see cref="Dual8"/>) simulation
/// whose derivative seeds are d(value)/du, so the gradient is exact for the discretized model.
/// Thread-safe: optimizers evaluate many candidates at once.
/// </summary>
public sealed class TraceObjective
{
    private readonly int[] _fitIndex;
    private readonly double[] _base;
    private readonly double[]? _weights;

    /// <param name="model">the neuron model</param>
    /// <param name="data">recordings; currents in pA, voltages in mV</param>
    /// <param name="fit">parameters to fit (at most 8), with bounds</param>
    /// <param name="fixedValues">values for other parameters (defaults otherwise)</param>
    /// <param name="weights">optional per-sample weights (length = samples), e.g. 0 to ignore a stretch</param>
    public TraceObjective(TraceModel model, TraceData data, IReadOnlyList<FitParameter> fit,
        IReadOnlyDictionary<string, double>? fixedValues = null, double[]? weights = null)
    {
        if (fit.Count == 0) throw new ArgumentException($"{model.Name}: no parameters to fit.");
        if (fit.Count > 8) throw new ArgumentException($"{model.Name}: at most 8 parameters can be fitted at once, got {fit.Count}.");
        if (weights != null && weights.Length != data.Samples)
            throw new ArgumentException($"{data.Source}: {weights.Length} weights for {data.Samples} samples.");
        Model = model; Data = data; Fit = fit; _weights = weights;
        _base = model.Defaults();
        if (fixedValues != null)
            foreach (var (name, value) in fixedValues)
            {
                if (!double.IsFinite(value)) throw new ArgumentException($"{model.Name}: fixed value of '{name}' is {value}.");
                _base[model.IndexOf(name)] = value;
            }
        _fitIndex = fit.Select(f => model.IndexOf(f.Name)).ToArray();
        if (_fitIndex.Distinct().Count() != _fitIndex.Length) throw new ArgumentException($"{model.Name}: a parameter is listed twice in the fit.");
    }

    public TraceModel Model { get; }
    public TraceData Data { get; }
    public IReadOnlyList<FitParameter> Fit { get; }
    public int Dimension => Fit.Count;

    /// <summary>Number of objective evaluations so far (values and gradients).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);
    private long _evaluations;

    /// <summary>All model parameter values for unconstrained coordinates u.</summary>
    public double[] Values(ReadOnlySpan<double> u)
    {
        var p = (double[])_base.Clone();
        for (int j = 0; j < _fitIndex.Length; j++) p[_fitIndex[j]] = Fit[j].FromUnconstrained(u[j]);
        return p;
    }

    /// <summary>The fitted parameters' values for u.</summary>
    public double[] FittedValues(ReadOnlySpan<double> u)
    {
        var r = new double[Fit.Count];
        for (int j = 0; j < r.Length; j++) r[j] = Fit[j].FromUnconstrained(u[j]);
        return r;
    }

    /// <summary>MSE (mV^2) at u.</summary>
    public double Loss(ReadOnlySpan<double> u)
    {
        Interlocked.Increment(ref _evaluations);
        var values = Values(u);
        var p = new Real[values.Length];
        for (int i = 0; i < p.Length; i++) p[i] = new Real(values[i]);
        var v = new Real[Data.Samples];
        double sum = 0;
        for (int k = 0; k < Data.Protocols; k++)
        {
            Model.Simulate<Real>(p, Data.Currents[k], Data.Dt, v);
            var rec = Data.Voltages[k];
            for (int t = 0; t < v.Length; t++)
            {
                double e = v[t].Value - rec[t];
                sum += (_weights == null ? 1.0 : _weights[t]) * e * e;
            }
        }
        double mse = sum / (Data.Protocols * (double)Data.Samples);
        return double.IsFinite(mse) ? mse : double.PositiveInfinity;
    }

    /// <summary>MSE (mV^2) at u, with its exact gradient with respect to u written into <paramref name="grad"/>.</summary>
    public double LossAndGradient(ReadOnlySpan<double> u, Span<double> grad) => Evaluate(u, grad, null);

    /// <summary>
    /// MSE at u, its gradient, and the Gauss-Newton matrix (2/N) J^T W J of the residuals (row-major d x d), from one
    /// forward-mode simulation: forward mode yields the whole Jacobian of the trace, which is what least squares wants.
    /// </summary>
    public double LossGradientAndGaussNewton(ReadOnlySpan<double> u, Span<double> grad, Span<double> gaussNewton)
    {
        if (gaussNewton.Length < Dimension * Dimension) throw new ArgumentException($"{Model.Name}: Gauss-Newton buffer too small.");
        return Evaluate(u, grad, gaussNewton);
    }

    private double Evaluate(ReadOnlySpan<double> u, Span<double> grad, Span<double> gaussNewton)
    {
        bool gn = !gaussNewton.IsEmpty;
        int d = Dimension;
        Span<Vector512<double>> jtj = stackalloc Vector512<double>[8];
        jtj.Clear();
        Interlocked.Increment(ref _evaluations);
        var values = Values(u);
        var p = new Dual8[values.Length];
        for (int i = 0; i < p.Length; i++) p[i] = Dual8.Constant(values[i]);
        Span<double> seed = stackalloc double[8];
        for (int j = 0; j < _fitIndex.Length; j++)
        {
            seed.Clear();
            seed[j] = Fit[j].Derivative(u[j]);
            p[_fitIndex[j]] = new Dual8(values[_fitIndex[j]], Vector512.Create((ReadOnlySpan<double>)seed));
        }
        var v = new Dual8[Data.Samples];
        double sum = 0;
        var g = Vector512<double>.Zero;
        for (int k = 0; k < Data.Protocols; k++)
        {
            Model.Simulate<Dual8>(p, Data.Currents[k], Data.Dt, v);
            var rec = Data.Voltages[k];
            for (int t = 0; t < v.Length; t++)
            {
                double w = _weights == null ? 1.0 : _weights[t];
                double e = v[t].Value - rec[t];
                sum += w * e * e;
                var vg = v[t].Grad;
                g += vg * (2.0 * w * e);
                if (gn)
                    for (int j = 0; j < d; j++) jtj[j] += vg * (w * vg.GetElement(j));
            }
        }
        double n = Data.Protocols * (double)Data.Samples;
        for (int j = 0; j < grad.Length; j++) grad[j] = g.GetElement(j) / n;
        if (gn)
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) gaussNewton[i * d + j] = 2.0 * jtj[i].GetElement(j) / n;
        double mse = sum / n;
        return double.IsFinite(mse) ? mse : double.PositiveInfinity;
    }
}
