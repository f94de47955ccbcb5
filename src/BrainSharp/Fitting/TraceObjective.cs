using System.Runtime.Intrinsics;

namespace BrainSharp.Fitting;

/// <summary>
/// Mean squared error (mV^2) between a model's membrane potential and recorded traces, optionally weighted per
/// sample (e.g. 0 around spikes, or only at sampled points). Besides value and gradient it provides the
/// Gauss-Newton matrix for <see cref="LevenbergMarquardt"/>: forward mode yields the whole Jacobian of the trace.
///
/// Optionally spike times join the least-squares residuals: per protocol the i-th model spike is paired with the i-th
/// recorded one, r_i = t_model,i - t_data,i; a spike without a partner is paired with the end of the trace T, so
/// r = T - t (a model spike leaving through the end of the trace costs nothing, and the loss is continuous there).
/// Loss = [sum_k sum_t w_kt (v - v_rec)^2 + lambda sum_k sum_i r_ki^2] / (protocols x samples), lambda = SpikeWeight
/// (mV^2/ms^2, e.g. sigma_v^2 / sigma_t^2). Model spike times are interpolated inside steps with exact parameter
/// derivatives, so these residuals carry Jacobian rows like the voltage samples do.
/// </summary>
public sealed class TraceObjective : FitObjective
{
    private readonly double[]? _weights;
    private readonly IReadOnlyList<double[]>? _protocolWeights;

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

    /// <param name="model">the neuron model</param>
    /// <param name="data">recordings; currents in pA, voltages in mV</param>
    /// <param name="fit">parameters to fit (at most 8), with bounds</param>
    /// <param name="fixedValues">values for other parameters (defaults otherwise)</param>
    /// <param name="protocolWeights">optional per-protocol, per-sample weights (e.g. 0 in windows around spikes)</param>
    /// <param name="spikeTimes">optional recorded spike times per protocol, ms, ascending</param>
    /// <param name="spikeWeight">lambda, mV^2/ms^2: weight of a squared spike-time residual against a squared voltage residual</param>
    public TraceObjective(TraceModel model, TraceData data, IReadOnlyList<FitParameter> fit,
        IReadOnlyDictionary<string, double>? fixedValues, IReadOnlyList<double[]>? protocolWeights,
        IReadOnlyList<double[]>? spikeTimes = null, double spikeWeight = 0)
        : base(model, fit, fixedValues)
    {
        Data = data;
        if (protocolWeights != null)
        {
            if (protocolWeights.Count != data.Protocols)
                throw new ArgumentException($"{data.Source}: {protocolWeights.Count} weight arrays for {data.Protocols} protocols.");
            for (int k = 0; k < protocolWeights.Count; k++)
            {
                if (protocolWeights[k].Length != data.Samples)
                    throw new ArgumentException($"{data.Source}: protocol {k} has {protocolWeights[k].Length} weights for {data.Samples} samples.");
                foreach (double w in protocolWeights[k])
                    if (!(w >= 0) || !double.IsFinite(w))
                        throw new ArgumentOutOfRangeException(nameof(protocolWeights), w, $"{data.Source}: protocol {k} has a weight {w}; weights must be finite and non-negative.");
            }
        }
        if (spikeTimes != null)
        {
            if (spikeTimes.Count != data.Protocols)
                throw new ArgumentException($"{data.Source}: {spikeTimes.Count} spike trains for {data.Protocols} protocols.");
            for (int k = 0; k < spikeTimes.Count; k++)
                for (int i = 0; i < spikeTimes[k].Length; i++)
                    if (!double.IsFinite(spikeTimes[k][i]) || (i > 0 && !(spikeTimes[k][i] >= spikeTimes[k][i - 1])))
                        throw new ArgumentException($"{data.Source}: spike times of protocol {k} are not finite and ascending at index {i}.");
            if (!(spikeWeight > 0) || !double.IsFinite(spikeWeight))
                throw new ArgumentOutOfRangeException(nameof(spikeWeight), spikeWeight, $"{model.Name}: spike weight must be positive (mV^2/ms^2) when spike times are given.");
        }
        _protocolWeights = protocolWeights; SpikeTimes = spikeTimes; SpikeWeight = spikeWeight;
    }

    /// <summary>Recorded spike times per protocol (ms), or null for a voltage-only loss.</summary>
    public IReadOnlyList<double[]>? SpikeTimes { get; }
    /// <summary>Weight lambda of squared spike-time residuals, mV^2/ms^2 (mV^2 per squared filtered-train residual when
    /// <see cref="SpikeKernelMs"/> is set).</summary>
    public double SpikeWeight { get; }

    /// <summary>
    /// 0 (default): spike residuals pair spikes in order (see the class summary). Positive: the spike residuals are instead
    /// the difference of the two trains filtered by an alpha kernel (s/tau) e^{1 - s/tau} of this tau (ms), sampled at
    /// every step: a van Rossum-type distance written as least-squares residuals, which stays smooth and informative when
    /// the spike counts differ (the kernel is continuous where a spike enters, so a spike crossing a sample point moves
    /// the residuals continuously).
    /// </summary>
    public double SpikeKernelMs
    {
        get => _spikeKernel;
        init
        {
            if (!(value >= 0) || !double.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(SpikeKernelMs), value, $"{Model.Name}: spike kernel time constant must be non-negative (ms), got {value}.");
            _spikeKernel = value;
        }
    }
    private double _spikeKernel;

    // r[k] = (F_model - F_data)(k dt) with F = sum_i (s_i/tau) e^{1 - s_i/tau}, s_i = t - t_i > 0, by the two-variable
    // recursion of the alpha kernel: A = sum e^{-s/tau}, B = sum (s/tau) e^{-s/tau}, F = e B.
    private static void FilteredDifference<T>(List<T> model, double[] data, double dt, double tau, Span<T> r) where T : struct, IReal<T>
    {
        double q = Math.Exp(-dt / tau);
        T am = T.Constant(0), bm = T.Constant(0);
        double ad = 0, bd = 0;
        int im = 0, id = 0;
        for (int k = 0; k < r.Length; k++)
        {
            double t = k * dt;
            if (k > 0)
            {
                bm = (bm + am * (dt / tau)) * q; am = am * q;
                bd = (bd + ad * (dt / tau)) * q; ad *= q;
            }
            while (im < model.Count && model[im].Value <= t)
            {
                T sT = (t - model[im]) / tau;
                T e = T.Exp(-sT);
                am = am + e; bm = bm + sT * e;
                im++;
            }
            while (id < data.Length && data[id] <= t)
            {
                double sD = (t - data[id]) / tau, e = Math.Exp(-sD);
                ad += e; bd += sD * e;
                id++;
            }
            r[k] = (bm - bd) * Math.E;
        }
    }

    private double Weight(int protocol, int t) =>
        _protocolWeights != null ? _protocolWeights[protocol][t] : _weights == null ? 1.0 : _weights[t];

    // Spike-time residual i of a protocol (see the class summary); model spikes carry derivatives.
    private static T SpikeResidual<T>(List<T> model, double[] data, int i, double end) where T : struct, IReal<T>
        => i < model.Count && i < data.Length ? model[i] - data[i]
         : i < model.Count ? end - model[i]
         : T.Constant(end - data[i]);

    public TraceData Data { get; }

    protected override T Compute<T>(T[] p)
    {
        var v = new T[Data.Samples];
        T sum = T.Constant(0);
        var spikes = SpikeTimes != null ? new List<T>() : null;
        double end = Data.Samples * Data.Dt;
        for (int k = 0; k < Data.Protocols; k++)
        {
            spikes?.Clear();
            Model.Simulate<T>(p, Data.Currents[k], Data.Dt, v, spikes);
            var rec = Data.Voltages[k];
            for (int t = 0; t < v.Length; t++)
            {
                T e = v[t] - rec[t];
                sum = sum + e * e * Weight(k, t);
            }
            if (spikes != null && _spikeKernel > 0)
            {
                var rf = new T[Data.Samples];
                FilteredDifference(spikes, SpikeTimes![k], Data.Dt, _spikeKernel, rf);
                foreach (var r in rf) sum = sum + r * r * SpikeWeight;
            }
            else if (spikes != null)
                for (int i = 0; i < Math.Max(spikes.Count, SpikeTimes![k].Length); i++)
                {
                    T r = SpikeResidual(spikes, SpikeTimes[k], i, end);
                    sum = sum + r * r * SpikeWeight;
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
        var spikes = SpikeTimes != null ? new List<Dual8>() : null;
        double end = Data.Samples * Data.Dt;
        for (int k = 0; k < Data.Protocols; k++)
        {
            spikes?.Clear();
            Model.Simulate<Dual8>(p, Data.Currents[k], Data.Dt, v, spikes);
            var rec = Data.Voltages[k];
            for (int t = 0; t < v.Length; t++)
            {
                double w = Weight(k, t);
                double e = v[t].Value - rec[t];
                sum += w * e * e;
                var vg = v[t].Grad;
                g += vg * (2.0 * w * e);
                for (int j = 0; j < d; j++) jtj[j] += vg * (w * vg.GetElement(j));
            }
            Dual8[]? rf = null;
            if (spikes != null && _spikeKernel > 0)
            {
                rf = new Dual8[Data.Samples];
                FilteredDifference(spikes, SpikeTimes![k], Data.Dt, _spikeKernel, rf);
            }
            if (spikes != null)
                for (int i = 0; i < (rf != null ? rf.Length : Math.Max(spikes.Count, SpikeTimes![k].Length)); i++)
                {
                    var r = rf != null ? rf[i] : SpikeResidual(spikes, SpikeTimes![k], i, end);
                    double w = SpikeWeight;
                    sum += w * r.Value * r.Value;
                    g += r.Grad * (2.0 * w * r.Value);
                    for (int j = 0; j < d; j++) jtj[j] += r.Grad * (w * r.Grad.GetElement(j));
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
