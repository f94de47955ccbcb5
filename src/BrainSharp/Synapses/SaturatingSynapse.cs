using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Base of the saturating receptor kinetics (<see cref="AmpaSynapse"/>, <see cref="GabaASynapse"/>, <see cref="NmdaSynapse"/>):
/// a gate s in [0, 1] driven by spike arrivals through nonlinear (saturating) kinetics, conductance g = gMax s.
/// <para>
/// Because the gate of synapse i->j depends only on the spike train of presynaptic neuron i, inside a
/// <see cref="Projections.Projection"/> (default <see cref="GatingAlignment.Presynaptic"/>) the synapse keeps one gating
/// state per presynaptic neuron, driven by 1 per spike (times the short-term-plasticity efficacy), and computes
/// g_j = gMax sum_i w_ij s_i(t - d_ij) every step, the weight w_ij being a dimensionless conductance scale. This is exact
/// (identical to one state per synapse). With a homogeneous delay the projection hands over the spikes already delayed;
/// with per-synapse delays the gates are driven by the undelayed spikes and a ring of the last max(d) gate values serves
/// each synapse its own time-shifted copy (exact because the step update is time-invariant), so no per-synapse state is needed.
/// Needs stored connectivity (CSR or dense), batch 1. Cost per step: O(nPre) kinetics plus O(synapses) for the sum.
/// </para>
/// <para>
/// Standalone (not in a projection) or with <see cref="GatingAlignment.Postsynaptic"/>, the synapse integrates one state per
/// own unit from <see cref="SynapseDynamics.Arrivals"/> (the weight is then a release amount): exact for one synapse per unit,
/// the pooled approximation otherwise. The per-unit variables listed in <see cref="DynamicalSystem.States"/> stay at rest in
/// presynaptic mode; the per-presynaptic gates are in <see cref="PresynapticStates"/>.
/// </para>
/// </summary>
public abstract class SaturatingSynapse : SynapseDynamics, IPresynapticGating, ISnapshotParticipant
{
    private readonly (string Name, string Unit)[] _variables;
    private readonly float[][] _units;
    private readonly float[] _g;
    private readonly StateVariable[] _states;
    private float[][]? _pre;
    private float[] _preArrivals = [];
    private StateVariable[] _preStates = [];
    private PresynapticWiring? _wiring;
    private float[]? _history;              // [historyLength * nPre] gate values of the last steps (per-synapse delays)
    private int _historyLength;

    /// <summary>Allocates the per-unit state: <paramref name="variables"/> (name, unit) plus the conductance "g" (nS).</summary>
    protected SaturatingSynapse(string name, int nPost, int batch, double gMax, params (string Name, string Unit)[] variables)
        : base(name, nPost, batch)
    {
        SynapseParameters.RequireNonNegative(name, nameof(gMax), gMax);
        GMax = gMax;
        _variables = variables;
        int n = nPost * batch;
        _units = new float[variables.Length][];
        _states = new StateVariable[variables.Length + 1];
        for (int k = 0; k < variables.Length; k++)
        {
            _units[k] = new float[n];
            _states[k] = new StateVariable(variables[k].Name, variables[k].Unit, _units[k]);
        }
        _g = new float[n];
        _states[^1] = new StateVariable("g", "nS", _g);
    }

    /// <summary>Maximal conductance (all receptors open), nS.</summary>
    public double GMax { get; }

    /// <summary>Where the gating state lives inside a projection (default: per presynaptic neuron, exact).</summary>
    public GatingAlignment Alignment { get; init; } = GatingAlignment.Presynaptic;

    /// <inheritdoc />
    public bool UsesPresynapticState => Alignment == GatingAlignment.Presynaptic;

    /// <summary>The wiring the projection attached (presynaptic mode), or null.</summary>
    public PresynapticWiring? Wiring => _wiring;

    /// <summary>The gating variables per presynaptic neuron (presynaptic mode, after build; empty otherwise).</summary>
    public IReadOnlyList<StateVariable> PresynapticStates => _preStates;

    /// <inheritdoc />
    public override float[] Value => _g;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>Index, among the variables given to the constructor, of the gate s (open fraction, 0..1).</summary>
    protected abstract int GateIndex { get; }

    /// <summary>
    /// Advances units [0, <paramref name="count"/>) of <paramref name="state"/> (one array per variable) by <paramref name="dt"/> ms,
    /// with <paramref name="arrivals"/> arriving at the start of the step; clears the consumed arrivals. Must not allocate.
    /// </summary>
    protected abstract void Advance(double dt, float[][] state, float[] arrivals, int count);

    /// <inheritdoc />
    public override void Reset(ulong seed)
    {
        foreach (var a in _units) Array.Clear(a);
        Array.Clear(_g); Array.Clear(Arrivals);
        if (_pre is not null) foreach (var a in _pre) Array.Clear(a);
        Array.Clear(_preArrivals);
        if (_history is not null) Array.Clear(_history);
    }

    /// <summary>Per-unit update (standalone or <see cref="GatingAlignment.Postsynaptic"/>): integrates the units from <see cref="SynapseDynamics.Arrivals"/>.</summary>
    public override void Update(Clock clock)
    {
        Advance(clock.Dt, _units, Arrivals, _g.Length);
        var s = _units[GateIndex];
        float gMax = (float)GMax;
        for (int i = 0; i < _g.Length; i++) _g[i] = gMax * s[i];
    }

    /// <inheritdoc />
    public void Attach(PresynapticWiring wiring)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        if (Batch != 1)
            throw new NotSupportedException($"{wiring.Owner}: {Name} keeps its gates per presynaptic neuron, which needs batch 1, got batch {Batch}.");
        var csr = wiring.Structure
            ?? throw new NotSupportedException($"{wiring.Owner}: {Name} keeps its gates per presynaptic neuron and needs stored connectivity (Storage = Csr or Dense), not procedural.");
        if (csr.NPost != Size)
            throw new ArgumentException($"{wiring.Owner}: {Name} has {Size} units but the connectivity has {csr.NPost} post neurons.");
        if (wiring.Weights is not null && wiring.Weights.Length != csr.NonZeros)
            throw new ArgumentException($"{wiring.Owner}: {wiring.Weights.Length} weights for {csr.NonZeros} synapses.");
        int nPre = csr.NPre;
        _pre = new float[_variables.Length][];
        _preStates = new StateVariable[_variables.Length];
        for (int k = 0; k < _variables.Length; k++)
        {
            _pre[k] = new float[nPre];
            _preStates[k] = new StateVariable(_variables[k].Name, _variables[k].Unit, _pre[k]);
        }
        _preArrivals = new float[nPre];
        _history = null; _historyLength = 0;
        if (wiring.DelaySteps is { } d)
        {
            if (d.Length != csr.NonZeros)
                throw new ArgumentException($"{wiring.Owner}: {d.Length} delays for {csr.NonZeros} synapses.");
            int max = 1;
            foreach (ushort v in d)
            {
                if (v < 1) throw new ArgumentOutOfRangeException("delay", v, $"{wiring.Owner}: a synapse delay of {v} steps is shorter than one step.");
                max = Math.Max(max, v);
            }
            if (max > 1) { _historyLength = max; _history = new float[max * nPre]; }
        }
        _wiring = wiring;
    }

    /// <inheritdoc />
    public void StepPresynaptic(Clock clock, ReadOnlySpan<int> spikes, ReadOnlySpan<float> efficacy)
    {
        var w = _wiring ?? throw new InvalidOperationException($"{Name}: not attached to a projection.");
        var arr = _preArrivals;
        for (int k = 0; k < spikes.Length; k++) arr[spikes[k]] += efficacy.IsEmpty ? 1f : efficacy[k];
        var csr = w.Structure!;
        int nPre = csr.NPre;
        Advance(clock.Dt, _pre!, arr, nPre);
        var gate = _pre![GateIndex];
        Array.Clear(_g);
        ref float g = ref MemoryMarshal.GetArrayDataReference(_g);
        int[] rowPtr = csr.RowPtr, post = csr.PostIndices;
        float[]? wts = w.Weights;
        float wc = w.ConstantWeight;
        if (_history is null)
        {
            for (int i = 0; i < nPre; i++)
            {
                float s = gate[i];
                if (s == 0) continue;
                int a = rowPtr[i], b = rowPtr[i + 1];
                if (wts is null) { float ws = wc * s; for (int k = a; k < b; k++) Unsafe.Add(ref g, post[k]) += ws; }
                else for (int k = a; k < b; k++) Unsafe.Add(ref g, post[k]) += wts[k] * s;
            }
        }
        else
        {
            int len = _historyLength, now = (int)(clock.Step % len);
            gate.AsSpan(0, nPre).CopyTo(_history.AsSpan(now * nPre, nPre));
            var delays = w.DelaySteps!;
            var hist = _history;
            for (int i = 0; i < nPre; i++)
            {
                int a = rowPtr[i], b = rowPtr[i + 1];
                for (int k = a; k < b; k++)
                {
                    // Synapse k sees the gate as it stood delay - 1 steps ago (the gates are driven by the undelayed spikes).
                    int slot = now - delays[k] + 1;
                    if (slot < 0) slot += len;
                    Unsafe.Add(ref g, post[k]) += (wts is null ? wc : wts[k]) * hist[slot * nPre + i];
                }
            }
        }
        float gMax = (float)GMax;
        if (gMax != 1f) for (int j = 0; j < _g.Length; j++) _g[j] *= gMax;
    }

    /// <inheritdoc />
    public void SaveState(StateSnapshot snapshot)
    {
        if (_pre is null) return;
        foreach (var a in _pre) snapshot.Put(a);
        if (_history is not null) snapshot.Put(_history);
    }

    /// <inheritdoc />
    public void RestoreState(StateSnapshot snapshot)
    {
        if (_pre is null) return;
        for (int k = 0; k < _pre.Length; k++) snapshot.Take(_pre[k], $"{Name}.{_variables[k].Name} (per pre)");
        if (_history is not null) snapshot.Take(_history, $"{Name}.gate history");
    }
}
