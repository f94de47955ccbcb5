using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BrainSharp.Learning.Layers;

/// <summary>Dense products used by the reverse pass of the fused spiking layers.</summary>
internal static class RecurrentKernels
{
    /// <summary>
    /// c[m, n] = a[m, k] * w[n, k]^T (both row-major, rows of a and w are contiguous dot operands).
    /// Register-blocked 4 rows of a x 2 rows of w so each loaded vector feeds several FMAs.
    /// </summary>
    public static void MultiplyByTranspose<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> w, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length < m * k || w.Length < n * k || c.Length < m * n)
            throw new ArgumentException("RecurrentKernels.MultiplyByTranspose: operand too short.");
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rw = ref MemoryMarshal.GetReference(w);
        int vl = Vector<T>.Count;
        int kv = Vector.IsHardwareAccelerated ? k - k % vl : 0;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 2 <= n; j += 2)
            {
                Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s10 = Vector<T>.Zero, s11 = Vector<T>.Zero;
                Vector<T> s20 = Vector<T>.Zero, s21 = Vector<T>.Zero, s30 = Vector<T>.Zero, s31 = Vector<T>.Zero;
                int p = 0;
                for (; p < kv; p += vl)
                {
                    var w0 = Load(ref rw, j * k + p);
                    var w1 = Load(ref rw, (j + 1) * k + p);
                    var a0 = Load(ref ra, i * k + p);
                    s00 += a0 * w0; s01 += a0 * w1;
                    var a1 = Load(ref ra, (i + 1) * k + p);
                    s10 += a1 * w0; s11 += a1 * w1;
                    var a2 = Load(ref ra, (i + 2) * k + p);
                    s20 += a2 * w0; s21 += a2 * w1;
                    var a3 = Load(ref ra, (i + 3) * k + p);
                    s30 += a3 * w0; s31 += a3 * w1;
                }
                T t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t10 = Vector.Sum(s10), t11 = Vector.Sum(s11);
                T t20 = Vector.Sum(s20), t21 = Vector.Sum(s21), t30 = Vector.Sum(s30), t31 = Vector.Sum(s31);
                for (; p < k; p++)
                {
                    T w0 = Unsafe.Add(ref rw, j * k + p), w1 = Unsafe.Add(ref rw, (j + 1) * k + p);
                    T a0 = Unsafe.Add(ref ra, i * k + p), a1 = Unsafe.Add(ref ra, (i + 1) * k + p);
                    T a2 = Unsafe.Add(ref ra, (i + 2) * k + p), a3 = Unsafe.Add(ref ra, (i + 3) * k + p);
                    t00 += a0 * w0; t01 += a0 * w1; t10 += a1 * w0; t11 += a1 * w1;
                    t20 += a2 * w0; t21 += a2 * w1; t30 += a3 * w0; t31 += a3 * w1;
                }
                c[i * n + j] = t00; c[i * n + j + 1] = t01;
                c[(i + 1) * n + j] = t10; c[(i + 1) * n + j + 1] = t11;
                c[(i + 2) * n + j] = t20; c[(i + 2) * n + j + 1] = t21;
                c[(i + 3) * n + j] = t30; c[(i + 3) * n + j + 1] = t31;
            }
            for (; j < n; j++)
                for (int r = 0; r < 4; r++) c[(i + r) * n + j] = Dot(a.Slice((i + r) * k, k), w.Slice(j * k, k));
        }
        for (; i < m; i++)
            for (int j = 0; j < n; j++) c[i * n + j] = Dot(a.Slice(i * k, k), w.Slice(j * k, k));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ref T r, int offset) where T : unmanaged, IFloatingPointIeee754<T>
        => Vector.LoadUnsafe(ref r, (nuint)offset);

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => System.Numerics.Tensors.TensorPrimitives.Dot(x, y);
}
