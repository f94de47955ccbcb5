using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Dynamics;

/// <summary>
/// Zeroes decaying synaptic state that has fallen below <see cref="Below"/> (in its own unit, nS or pA), at every
/// <see cref="EverySteps"/>-th step. Why: exponential decay x * d (d &lt; 1) takes a float that receives no more input into
/// the subnormal range and keeps it there for good (below ~25 ulp, x * 0.98 rounds back to x), and on x86 every
/// operation on a subnormal takes a microcode assist: the LIF kernel then ran about 2x slower (a C model of it: 0.50 against
/// 0.27 ns per neuron). .NET cannot set the flush-to-zero flags that Brian2's -ffast-math builds set. A conductance or
/// current of 1e-20 moves a float membrane potential by far less than its ulp (4e-6 mV at -60 mV). Results can still
/// differ in a last bit: where every input of a vector is now exactly zero, the LIF step uses its precomputed factor for
/// G = g_L instead of evaluating it (exponential Euler with accumulated inputs). Flushing at fixed absolute steps keeps
/// results independent of chunking and threads. Between two flushes (128 steps) a value above 1e-20 decaying with a time
/// constant of at least 3.1 steps stays above the subnormal range; faster ones may sit there until the next flush.
/// </summary>
internal static class SubnormalFlush
{
    /// <summary>Flush period, steps (a power of two).</summary>
    public const int EverySteps = 128;

    /// <summary>Magnitude below which decaying state is set to zero.</summary>
    public const float Below = 1e-20f;

    /// <summary>Whether step <paramref name="step"/> flushes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Due(long step) => (step & (EverySteps - 1)) == 0;

    /// <summary>Sets the elements of <paramref name="x"/> with |x| &lt; <see cref="Below"/> to zero (NaN stays NaN).</summary>
    public static void Apply(Span<float> x)
    {
        ref float r = ref MemoryMarshal.GetReference(x);
        var below = Vector256.Create(Below);
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref r, (nuint)i);
            Vector256.AndNot(v, Vector256.LessThan(Vector256.Abs(v), below)).StoreUnsafe(ref r, (nuint)i);
        }
        for (; i < x.Length; i++)
            if (MathF.Abs(x[i]) < Below) x[i] = 0;
    }
}
