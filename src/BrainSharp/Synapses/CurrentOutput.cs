using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Current-based synaptic output: I_syn = g, the synaptic variable taken as a current in pA
/// (adds g to <see cref="NeuronGroup.InputCurrent"/>). Used by CUBA-type networks (Brian2 examples/CUBA.py), where a
/// voltage jump w_V (mV) in a cell of leak conductance g_L corresponds to a current weight w = w_V g_L (pA).
/// </summary>
public sealed class CurrentOutput : SynapticOutput
{
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
        int i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            (Vector256.LoadUnsafe(ref ic, (nuint)i) + Vector256.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref ic, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ic, i) += Unsafe.Add(ref g, i);
    }

    public override string ToString() => "CurrentOutput";
}
