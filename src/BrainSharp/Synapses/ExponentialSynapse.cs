using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Single-exponential synapse, kept per post neuron:
/// <code>
/// dg/dt = -g / tau;   on arrival of a spike with weight w: g += w (instantly)
/// </code>
/// Parameter: tau, ms (e.g. 5 ms excitatory, 10 ms inhibitory in Brette et al. 2007). g has the unit of the weights
/// (nS for a <see cref="ConductanceOutput"/>, pA for a <see cref="CurrentOutput"/>).
/// Update: exact decay g(t + dt) = g(t) exp(-dt / tau), then the step's arrivals are added (Brian2's order:
/// state update before synaptic events), so g after k spike-free steps is g0 exp(-k dt / tau) to float precision.
/// Source: Brette et al. (2007), J Comput Neurosci 23:349; Brian2 examples/COBA.py, CUBA.py.
/// </summary>
public sealed class ExponentialSynapse : SynapseDynamics
{
    private readonly float[] _g;
    private readonly StateVariable[] _states;
    private float _decay;
    private double _boundDt = double.NaN;

    /// <summary>Creates the synaptic variable for <paramref name="nPost"/> post neurons with decay time constant <paramref name="tau"/> (ms, positive).</summary>
    public ExponentialSynapse(int nPost, double tau, string name = "ExponentialSynapse") : base(name, nPost)
    {
        if (!(tau > 0) || !double.IsFinite(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, $"ExponentialSynapse '{name}': parameter tau (ms) must be positive and finite, got {tau}.");
        Tau = tau;
        _g = BrainSharp.Dynamics.AlignedArray.Create<float>(nPost);
        _states = new[] { new StateVariable("g", "weight unit", _g) };
    }

    /// <summary>Decay time constant, ms.</summary>
    public double Tau { get; }

    /// <summary>Initial value of g per post neuron (weight unit; default 0). May be random.</summary>
    public Initializer? Initial { get; init; }

    /// <summary>The synaptic variable g per post neuron.</summary>
    public override float[] Value => _g;

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <inheritdoc/>
    public override bool CanUpdateRange => true;

    /// <inheritdoc/>
    public override void Prepare(Clock clock)
    {
        Initial?.Validate($"ExponentialSynapse '{Name}'", nameof(Initial));
        Bind(clock.Dt);
    }

    private void Bind(double dt)
    {
        if (dt == _boundDt) return;
        _decay = (float)Math.Exp(-dt / Tau);
        _boundDt = dt;
    }

    /// <inheritdoc/>
    public override void Reset(ulong seed)
    {
        if (Initial is null) Array.Clear(_g);
        else Initial.Fill(_g, seed, 0);
        Array.Clear(Arrivals);
    }

    /// <inheritdoc/>
    public override void Update(Clock clock) => UpdateRange(clock, 0, Size);

    /// <inheritdoc/>
    public override void UpdateRange(Clock clock, int start, int end)
    {
        Bind(clock.Dt);
        int n = end - start;
        if (n <= 0) return;
        var g = _g.AsSpan(start, n);
        var a = Arrivals.AsSpan(start, n);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float ar = ref MemoryMarshal.GetReference(a);
        var d = Vector256.Create(_decay);
        int i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            (Vector256.LoadUnsafe(ref gr, (nuint)i) * d + Vector256.LoadUnsafe(ref ar, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
            Vector256<float>.Zero.StoreUnsafe(ref ar, (nuint)i);
        }
        // Same operation order as the vector lanes (multiply, then add; no FMA), so results do not depend on chunking.
        for (; i < n; i++) { g[i] = g[i] * _decay + a[i]; a[i] = 0; }
        if (SubnormalFlush.Due(clock.Step)) SubnormalFlush.Apply(g);
    }
}
