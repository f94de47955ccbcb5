using System.Numerics.Tensors;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Alpha synapse (Rall 1967). Kernel of a spike of weight w at t = 0:
///   g(t) = w * f * (t / tau) * exp(-t / tau),   peak at t = tau,
/// with f = e (peak equals w; normalizePeak = true, default) or f = 1 (BrainPy's Alpha: dh/dt = -h/tau, dg/dt = (-g + h)/tau, h += w).
/// State per post neuron: h and g of that linear system. Exact update over a step (the system matrix is a Jordan block):
///   g' = exp(-dt/tau) (g + h dt/tau),   h' = exp(-dt/tau) h;   arriving weights add to h.
/// Linear, so one state per post neuron is exact. Parameters: tau (ms, default 2). Value in nS or pA (the weights' unit).
/// </summary>
public sealed class AlphaSynapse : SynapseDynamics
{
    private readonly float[] _h, _g, _value;
    private double _dtCached = double.NaN;
    private float _decay, _gain;

    /// <summary>Creates the synapse; <paramref name="tau"/> in ms.</summary>
    public AlphaSynapse(int nPost, double tau = 2.0, bool normalizePeak = true, int batch = 1) : base(nameof(AlphaSynapse), nPost, batch)
    {
        SynapseParameters.RequirePositive(nameof(AlphaSynapse), nameof(tau), tau);
        Tau = tau; NormalizePeak = normalizePeak;
        int n = nPost * batch;
        _h = new float[n]; _g = new float[n]; _value = new float[n];
        States = [new StateVariable("h", "1", _h), new StateVariable("g", "1", _g), new StateVariable("value", "nS", _value)];
    }

    /// <summary>Time constant (= time to peak), ms.</summary>
    public double Tau { get; }
    /// <summary>Whether a single spike of weight w peaks at exactly w.</summary>
    public bool NormalizePeak { get; }

    /// <inheritdoc />
    public override float[] Value => _value;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed) { Array.Clear(_h); Array.Clear(_g); Array.Clear(_value); Array.Clear(Arrivals); }

    /// <inheritdoc />
    public override bool CanUpdateRange => true;

    /// <inheritdoc />
    public override void Prepare(Clock clock) => Bind(clock.Dt);

    private void Bind(double dt)
    {
        if (dt == _dtCached) return;
        _dtCached = dt;
        _decay = (float)Math.Exp(-dt / Tau);
        _gain = (float)(dt / Tau);
    }

    /// <inheritdoc />
    public override void Update(Clock clock) => UpdateRange(clock, 0, Size * Batch);

    /// <inheritdoc />
    public override void UpdateRange(Clock clock, int start, int end)
    {
        Bind(clock.Dt);
        int n = end - start;
        if (n <= 0) return;
        var h = _h.AsSpan(start, n); var g = _g.AsSpan(start, n); var v = _value.AsSpan(start, n); var a = Arrivals.AsSpan(start, n);
        TensorPrimitives.MultiplyAdd(h, _gain, g, g);      // g + h dt/tau
        TensorPrimitives.Multiply(g, _decay, g);
        TensorPrimitives.MultiplyAdd(h, _decay, a, h);
        if (SubnormalFlush.Due(clock.Step)) { SubnormalFlush.Apply(h); SubnormalFlush.Apply(g); }
        TensorPrimitives.Multiply(g, NormalizePeak ? (float)Math.E : 1f, v);
        a.Clear();
    }
}
