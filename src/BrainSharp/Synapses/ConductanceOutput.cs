using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Conductance-based synaptic output: I_syn = g (E_rev - v), with g the synaptic variable in nS and E_rev the reversal
/// potential in mV. Adds g E_rev to <see cref="NeuronGroup.InputCurrent"/> and g to <see cref="NeuronGroup.InputConductance"/>,
/// so the membrane equation stays linear in v within a step. Brette et al. (2007) COBA: E_e = 0 mV, E_i = -80 mV.
/// </summary>
public sealed class ConductanceOutput : SynapticOutput
{
    /// <summary>Creates the output with reversal potential <paramref name="reversal"/>, mV (finite).</summary>
    public ConductanceOutput(double reversal)
    {
        if (!double.IsFinite(reversal))
            throw new ArgumentOutOfRangeException(nameof(reversal), reversal, $"ConductanceOutput: parameter reversal (mV) must be finite, got {reversal}.");
        Reversal = reversal;
    }

    /// <summary>Reversal potential E_rev, mV.</summary>
    public double Reversal { get; }

    /// <inheritdoc/>
    public override void Apply(ReadOnlySpan<float> value, NeuronGroup post) => ApplyRange(value, post, 0, post.Size);

    /// <inheritdoc/>
    public override bool CanApplyRange => true;

    /// <inheritdoc/>
    public override void ApplyRange(ReadOnlySpan<float> value, NeuronGroup post, int start, int end)
    {
        int n = end - start;
        if (n <= 0) return;
        ref float g = ref Unsafe.Add(ref MemoryMarshal.GetReference(value), start);
        ref float ic = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(post.InputCurrent), start);
        ref float gc = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(post.InputConductance), start);
        float e = (float)Reversal;
        var ev = Vector256.Create(e);
        int i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var gv = Vector256.LoadUnsafe(ref g, (nuint)i);
            (Vector256.LoadUnsafe(ref ic, (nuint)i) + gv * ev).StoreUnsafe(ref ic, (nuint)i);
            (Vector256.LoadUnsafe(ref gc, (nuint)i) + gv).StoreUnsafe(ref gc, (nuint)i);
        }
        for (; i < n; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            Unsafe.Add(ref ic, i) += gi * e;
            Unsafe.Add(ref gc, i) += gi;
        }
    }

    public override string ToString() => $"ConductanceOutput(E_rev={Reversal} mV)";
}
