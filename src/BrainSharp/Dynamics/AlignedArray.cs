using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BrainSharp.Dynamics;

/// <summary>
/// Arrays whose first element starts a 64-byte cache line, for the per-neuron state that the step kernels stream.
/// </summary>
/// <remarks>
/// Why: a .NET array's data starts wherever the allocator put the object (any multiple of 8 bytes modulo a line), so
/// three in four state arrays had every second 32-byte vector load split across two lines. Partition boundaries are
/// multiples of 16 elements, so an aligned array keeps every worker's and every chunk's vectors whole.
/// How: the array goes on the pinned object heap, which never moves it, and which hands out memory in order; a small
/// probe object shows where the next object will start, and a filler of the right size moves that start to 16 bytes
/// before a line boundary (the array's data follows a 16-byte header). When the allocator does not place the array
/// where expected (another thread allocated in between, a new region began), it tries again, and after a few tries
/// returns an ordinary array: alignment is a speed-up, never a condition for correct results.
/// Measured (in-process A/Bs of two builds, both orders, `design-perf11.md`): COBA-64000 5-6 % faster on 2 threads and
/// 7-10 % on 1, COBAHH-4000 4-7 %, COBA-4000 and CUBA-4000 within noise. BRAINSHARP_ALIGNED_STATE=0 turns it off for
/// such comparisons. Used for the state the fused kernels stream (membrane, refractoriness, input accumulators, model
/// state variables, exponential synapses' g); other arrays stay ordinary.
/// </remarks>
internal static class AlignedArray
{
    private const int Line = 64;
    private const int Tries = 4;
    private const int MinBytes = 4 * 1024;

    /// <summary>A zeroed array of <paramref name="length"/> elements, line-aligned where the runtime allows.</summary>
    public static T[] Create<T>(int length) where T : unmanaged
    {
        // The pinned heap is collected only with generation 2, so the small arrays of networks built by the thousand
        // (fitting, tests) stay on the ordinary heap; from 1024 floats on, split loads cost even from the caches
        // (COBAHH-4000, whose 3200-neuron group's state stays in L2, ran 4-7 % faster aligned).
        if ((long)length * Unsafe.SizeOf<T>() < MinBytes || Environment.GetEnvironmentVariable("BRAINSHARP_ALIGNED_STATE") == "0")
            return new T[length];
        for (int t = 0; t < Tries; t++)
        {
            var probe = GC.AllocateUninitializedArray<byte>(0, pinned: true);
            long next = Address(probe) - 16 + 24; // the probe object's start plus its size (header, method table, length)
            int filler = (int)(((Line - 16 - next) % Line + Line) % Line);
            if (filler is > 0 and < 24) filler += Line; // the smallest object is 24 bytes
            var pad = filler == 0 ? null : GC.AllocateUninitializedArray<byte>(filler - 24, pinned: true);
            var array = GC.AllocateArray<T>(length, pinned: true);
            GC.KeepAlive(pad); GC.KeepAlive(probe);
            if (Address(array) % Line == 0) return array;
        }
        return new T[length];
    }

    /// <summary>Whether <paramref name="array"/>'s first element starts a cache line.</summary>
    public static bool IsAligned<T>(T[] array) where T : unmanaged => Address(array) % Line == 0;

    /// <summary>The address of <paramref name="array"/>'s first element (pinned arrays keep it).</summary>
    internal static unsafe long Address<T>(T[] array) where T : unmanaged
        => (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
