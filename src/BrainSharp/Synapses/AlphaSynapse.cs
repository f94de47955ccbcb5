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
    public override void Update(Clock clock)
    {
        if (clock.Dt != _dtCached)
        {
            _dtCached = clock.Dt;
            _decay = (float)Math.Exp(-clock.Dt / Tau);
            _gain = (float)(clock.Dt / Tau);
        }
        TensorPrimitives.MultiplyAdd(_h, _gain, _g, _g);      // g + h dt/tau
        TensorPrimitives.Multiply(_g, _decay, _g);
        TensorPrimitives.MultiplyAdd(_h, _decay, Arrivals, _h);
        TensorPrimitives.Multiply(_g, NormalizePeak ? (float)Math.E : 1f, _value);
        Array.Clear(Arrivals);
    }
}
