using System.Numerics;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: C[m,n] = alpha * A[m,k] * B[k,n] + beta * C.
/// PLACEHOLDER naive loop; the cache-blocked SIMD kernel replaces the body with the same signature.
/// </summary>
public static class Gemm
{
    /// <summary>C = alpha * op(A) * op(B) + beta * C, row-major; transA/transB read A as [k,m] / B as [n,k].</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transA = false, bool transB = false, T? alpha = null, T? beta = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T al = alpha ?? T.One, be = beta ?? T.Zero;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                    s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = al * s + (be == T.Zero ? T.Zero : be * c[i * n + j]);
            }
    }
}
