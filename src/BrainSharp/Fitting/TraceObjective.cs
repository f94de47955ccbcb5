using System.Runtime.Intrinsics;

namespace BrainSharp.Fitting;

/// <summary>
/// Mean squared error (mV^2) between a model's membrane potential and recorded traces, optionally weighted per
/// sample (e.g. 0 around spikes, or only at sampled points). Besides value and gradient it provides the
/// Gauss-Newton matrix for <see cref="LevenbergMarquardt"/>: forward mode yields the whole Jacobian of the trace.
/// </summary>
public sealed class TraceObjective : FitObjective
{
    private readonly double[]? _weights;

    /// <param name="model">the neuron model</param>
    /// <param name="data">recordings; currents in pA, voltages in mV</param>
    /// <param name="fit">parameters to fit (at most 8), with bounds</param>
    /// <param name="fixedValues">values for other parameters (defaults otherwise)</param>
    /// <param name="weights">optional per-sample weights (length = samples)</param>
    public TraceObjective(TraceModel model, TraceData data, IReadOnlyList<FitParameter> fit,
        IReadOnlyDictionary<string, double>? fixedValues = null, double[]? weights = null)
        : base(model, fit, fixedValues)
    {
        if (weights != null && weights.Length != data.Samples)
            throw new ArgumentException($"{data.Source}: {weights.Length} weights for {data.Samples} samples.");
        Data = data; _weights = weights;
    }

    public TraceData Data { get; }

    protected override T Compute<T>(T[] p)
    {
        var v = new T[Data.Samples];
        T sum = T.Constant(0);
        for (int k = 0; k < Data.Protocols; k++)
        {
            Model.Simulate<T>(p, Data.Currents[k], Data.Dt, v);
            var rec = Data.Voltages[k];
            for (int t = 0; t < v.Length; t++)
            {
                T e = v[t] - rec[t];
                sum = sum + e * e * (_weights == null ? 1.0 : _weights[t]);
            }
        }
        return sum / (Data.Protocols * (double)Data.Samples);
    }

    /// <summary>
    /// MSE at u, its gradient, and the Gauss-Newton matrix (2/N) J^T W J of the residuals (row-major d x d), from one
    /// forward-mode simulation.
    /// </summary>
    public double LossGradientAndGaussNewton(ReadOnlySpan<double> u, Span<double> grad, Span<double> gaussNewton)
    {
        int d = Dimension;
        if (gaussNewton.Length < d * d) throw new ArgumentException($"{Model.Name}: Gauss-Newton buffer too small.");
        CountEvaluation();
        var p = DualParameters(u);
        Span<Vector512<double>> jtj = stackalloc Vector512<double>[8];
        jtj.Clear();
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
                for (int j = 0; j < d; j++) jtj[j] += vg * (w * vg.GetElement(j));
            }
        }
        double n = Data.Protocols * (double)Data.Samples;
        for (int j = 0; j < grad.Length; j++) grad[j] = g.GetElement(j) / n;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) gaussNewton[i * d + j] = 2.0 * jtj[i].GetElement(j) / n;
        double mse = sum / n;
        return double.IsFinite(mse) ? mse : double.PositiveInfinity;
    }
}
