using System.Runtime.CompilerServices;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// Per-thread pinned packing buffers, grown on demand and then reused, so repeated GEMM calls
/// (one per time step in training) allocate nothing.
/// </summary>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? s_a;
    [ThreadStatic] private static T[]? s_b;

    internal static T* A(int length) => Get(ref s_a, length);
    internal static T* B(int length) => Get(ref s_b, length);

    private static T* Get(ref T[]? buffer, int length)
    {
        int pad = 64 / sizeof(T);
        if (buffer is null || buffer.Length < length + pad)
            buffer = GC.AllocateUninitializedArray<T>(length + pad, pinned: true);
        // The array lives on the pinned object heap, so its address is stable for the thread's lifetime.
        return GemmCore.Align((T*)Unsafe.AsPointer(ref buffer[0]));
    }
}
