using System.Numerics;
using System.Runtime.CompilerServices;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// Multi-row axpy for the event-driven products: y += c0*x0 + c1*x1 + c2*x2 + c3*x3 in one pass over y.
/// Adding four rows per pass loads and stores y a quarter as often as four single axpys; the loop is
/// memory-bound, so Vector&lt;T&gt; (256-bit on x64) is as fast as a wider vector here.
/// </summary>
internal static unsafe class EventAxpy
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Add4<T>(T* y, int n, T** x, T* c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
        T c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
        int w = Vector<T>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> v0 = new(c0), v1 = new(c1), v2 = new(c2), v3 = new(c3);
            for (; i <= n - w; i += w)
            {
                Vector<T> acc = Vector.Load(y + i);
                acc = GemmVT<T>.Fma(Vector.Load(x0 + i), v0, acc);
                acc = GemmVT<T>.Fma(Vector.Load(x1 + i), v1, acc);
                acc = GemmVT<T>.Fma(Vector.Load(x2 + i), v2, acc);
                acc = GemmVT<T>.Fma(Vector.Load(x3 + i), v3, acc);
                acc.Store(y + i);
            }
        }
        for (; i < n; i++)
            y[i] = T.FusedMultiplyAdd(x3[i], c3, T.FusedMultiplyAdd(x2[i], c2, T.FusedMultiplyAdd(x1[i], c1, T.FusedMultiplyAdd(x0[i], c0, y[i]))));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Add1<T>(T* y, int n, T* x, T c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> v = new(c);
            for (; i <= n - w; i += w)
                GemmVT<T>.Fma(Vector.Load(x + i), v, Vector.Load(y + i)).Store(y + i);
        }
        for (; i < n; i++) y[i] = T.FusedMultiplyAdd(x[i], c, y[i]);
    }

    /// <summary>Adds the first <paramref name="count"/> (0..3) pending rows.</summary>
    internal static void AddFew<T>(T* y, int n, T** x, T* c, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < count; r++) Add1(y, n, x[r], c[r]);
    }
}
