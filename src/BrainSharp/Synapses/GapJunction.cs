using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Electrical synapses (gap junctions) between pairs of neurons: for a pair (i in A, j in B) with conductance g (nS),
///   I_j += g (v_i - v_j),   I_i += g (v_j - v_i)
/// written as g v_i into B's InputCurrent and g into its InputConductance (and symmetrically), so the coupling is implicit
/// in the receiving cell's own voltage and explicit in the partner's (v of the start of the step).
/// Update must run after the neurons' previous update and before their next one (it only writes input accumulators).
/// A and B may be the same group. No state.
/// </summary>
public sealed class GapJunction : DynamicalSystem
{
    private readonly int[] _a, _b;
    private readonly float[] _g;

    /// <summary>Couples a[k] of <paramref name="groupA"/> with b[k] of <paramref name="groupB"/> through conductance[k] (nS, >= 0).</summary>
    public GapJunction(NeuronGroup groupA, NeuronGroup groupB, int[] a, int[] b, float[] conductance)
        : base(nameof(GapJunction), a?.Length ?? 0, groupA?.Batch ?? 1)
    {
        ArgumentNullException.ThrowIfNull(groupA); ArgumentNullException.ThrowIfNull(groupB);
        ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b); ArgumentNullException.ThrowIfNull(conductance);
        if (a.Length != b.Length || a.Length != conductance.Length)
            throw new ArgumentException($"GapJunction: a ({a.Length}), b ({b.Length}) and conductance ({conductance.Length}) must have the same length.");
        if (groupA.Batch != groupB.Batch)
            throw new ArgumentException($"GapJunction: groups '{groupA.Name}' and '{groupB.Name}' have batch {groupA.Batch} and {groupB.Batch}.");
        for (int k = 0; k < a.Length; k++)
        {
            if ((uint)a[k] >= (uint)groupA.Size) throw new ArgumentOutOfRangeException(nameof(a), a[k], $"GapJunction: pair {k} index {a[k]} is outside group '{groupA.Name}' (size {groupA.Size}).");
            if ((uint)b[k] >= (uint)groupB.Size) throw new ArgumentOutOfRangeException(nameof(b), b[k], $"GapJunction: pair {k} index {b[k]} is outside group '{groupB.Name}' (size {groupB.Size}).");
            if (!(conductance[k] >= 0) || !float.IsFinite(conductance[k])) throw new ArgumentOutOfRangeException(nameof(conductance), conductance[k], $"GapJunction: pair {k} conductance must be non-negative and finite (nS).");
        }
        GroupA = groupA; GroupB = groupB;
        _a = (int[])a.Clone(); _b = (int[])b.Clone(); _g = (float[])conductance.Clone();
    }

    /// <summary>Couples a[k] with b[k] through one conductance <paramref name="conductance"/> (nS).</summary>
    public GapJunction(NeuronGroup groupA, NeuronGroup groupB, int[] a, int[] b, double conductance)
        : this(groupA, groupB, a, b, Enumerable.Repeat((float)conductance, a?.Length ?? 0).ToArray()) { }

    /// <summary>First group.</summary>
    public NeuronGroup GroupA { get; }
    /// <summary>Second group.</summary>
    public NeuronGroup GroupB { get; }

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States => [];

    /// <inheritdoc />
    public override void Reset(ulong seed) { }

    /// <inheritdoc />
    public override void Update(Clock clock)
    {
        var va = GroupA.V; var vb = GroupB.V;
        var ia = GroupA.InputCurrent; var ga = GroupA.InputConductance;
        var ib = GroupB.InputCurrent; var gb = GroupB.InputConductance;
        int na = GroupA.Size, nb = GroupB.Size;
        for (int batch = 0; batch < Batch; batch++)
        {
            int oa = batch * na, ob = batch * nb;
            for (int k = 0; k < _a.Length; k++)
            {
                int i = oa + _a[k], j = ob + _b[k];
                float g = _g[k];
                ib[j] += g * va[i]; gb[j] += g;
                ia[i] += g * vb[j]; ga[i] += g;
            }
        }
    }
}
