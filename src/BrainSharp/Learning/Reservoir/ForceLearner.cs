using System.Numerics.Tensors;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// FORCE learning (Sussillo &amp; Abbott 2009, Neuron 63:544): a linear readout z = W^T r of a <see cref="RateReservoir"/>,
/// fed back into it, trained online by recursive least squares so that z follows a target f(t):
/// <code>
///   e_- = W^T r - f                 (error before the update)
///   k = P r,  c = 1 / (1 + r^T P r)
///   P &lt;- P - c k k^T,    W &lt;- W - c k e_-^T
/// </code>
/// P starts at I / alpha (alpha: regularizer, dimensionless; 1 by default); updates every
/// <see cref="UpdateEvery"/> steps (the paper uses 2 at dt = 0.1 ms). W starts at zero.
/// O(N^2) per update, no allocation per step. Deterministic given the reservoir's seed.
/// </summary>
public sealed class ForceLearner
{
    /// <summary>The driven reservoir.</summary>
    public RateReservoir Reservoir { get; }
    /// <summary>Readout weights [Neurons, Outputs].</summary>
    public double[] Weights { get; }
    /// <summary>Number of readout units.</summary>
    public int Outputs { get; }
    /// <summary>RLS update period (steps).</summary>
    public int UpdateEvery { get; }
    /// <summary>Current readout z [Outputs] (dimensionless), as fed back at the next step.</summary>
    public ReadOnlySpan<double> Output => _z;

    private readonly double[] _p, _k, _z, _e;
    private long _step;

    /// <summary>Creates the learner; <paramref name="alpha"/> &gt; 0 sets P(0) = I / alpha.</summary>
    public ForceLearner(RateReservoir reservoir, double alpha = 1.0, int updateEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(reservoir);
        if (!(alpha > 0) || !double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ForceLearner: alpha (P(0) = I/alpha) must be positive and finite.");
        if (updateEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(updateEvery), updateEvery, "ForceLearner: updateEvery must be positive (steps).");
        if (reservoir.Options.Outputs <= 0)
            throw new ArgumentException($"ForceLearner: the reservoir has Outputs = {reservoir.Options.Outputs}; FORCE needs at least one fed-back readout.", nameof(reservoir));
        Reservoir = reservoir; Outputs = reservoir.Options.Outputs; UpdateEvery = updateEvery;
        int n = reservoir.Neurons;
        Weights = new double[n * Outputs];
        _p = new double[n * n];
        for (int i = 0; i < n; i++) _p[i * n + i] = 1 / alpha;
        _k = new double[n]; _z = new double[Outputs]; _e = new double[Outputs];
    }

    /// <summary>
    /// Advances the reservoir one step (feeding back the current output), computes the new readout, and, if
    /// <paramref name="target"/> is non-empty, applies an RLS update toward it on update steps. Returns the readout.
    /// </summary>
    public ReadOnlySpan<double> Step(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        if (!target.IsEmpty && target.Length != Outputs)
            throw new ArgumentException($"ForceLearner.Step: target has {target.Length} values, the readout {Outputs}.", nameof(target));
        for (int q = 0; q < target.Length; q++)
            if (!double.IsFinite(target[q]))
                throw new ArgumentException($"ForceLearner.Step: target[{q}] is {target[q]} at step {_step}; targets must be finite.", nameof(target));
        Reservoir.Step(input, Reservoir.Options.FeedbackScale > 0 ? _z : default);
        ReadOnlySpan<double> r = Reservoir.Rates;
        int n = Reservoir.Neurons, m = Outputs;
        Readout(r);
        _step++;
        if (!target.IsEmpty && _step % UpdateEvery == 0)
        {
            double[] p = _p, k = _k;
            double rPr = 0;
            for (int i = 0; i < n; i++)
            {
                k[i] = TensorPrimitives.Dot<double>(p.AsSpan(i * n, n), r);
                rPr += r[i] * k[i];
            }
            double c = 1 / (1 + rPr);
            for (int i = 0; i < n; i++)
            {
                var row = p.AsSpan(i * n, n);
                TensorPrimitives.MultiplyAdd<double>(k, -c * k[i], row, row);
            }
            for (int q = 0; q < m; q++) _e[q] = _z[q] - target[q];
            for (int i = 0; i < n; i++)
                for (int q = 0; q < m; q++) Weights[i * m + q] -= c * k[i] * _e[q];
            // As in the paper, the output fed back at the next step is the one computed before this update.
        }
        return _z;
    }

    private void Readout(ReadOnlySpan<double> r)
    {
        int n = r.Length, m = Outputs;
        for (int q = 0; q < m; q++)
        {
            double acc = 0;
            for (int i = 0; i < n; i++) acc += Weights[i * m + q] * r[i];
            _z[q] = acc;
        }
    }
}
