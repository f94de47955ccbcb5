using System.Numerics;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C.
/// Our own cache-blocked SIMD kernel (packing + register-blocked FMA micro-kernel, Vector512 where
/// accelerated, else Vector256, else Vector&lt;T&gt;); see <c>GemmCore</c> for the blocking scheme.
/// Results are bitwise identical for any thread count: every C element is accumulated in the same order.
/// </summary>
public static class Gemm
{
    /// <summary>C = alpha * op(A) * op(B) + beta * C, row-major; transA/transB read A as [k,m] / B as [n,k].</summary>
    /// <remarks>alpha defaults to 1, beta to 0. With beta = 0, C is not read (NaN in C does not propagate).
    /// Spans must hold at least m*k, k*n and m*n elements.</remarks>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transA = false, bool transB = false, T? alpha = null, T? beta = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyOnPath(a, b, c, m, n, k, transA, transB, alpha ?? T.One, beta ?? T.Zero, GemmPath.Auto);

    /// <summary>As <see cref="Multiply{T}"/>, split over up to <paramref name="maxDegreeOfParallelism"/> threads
    /// (-1: all cores) by blocks of C rows or columns; the result is bitwise equal to the single-threaded one.</summary>
    public static unsafe void MultiplyParallel<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transA = false, bool transB = false, T? alpha = null, T? beta = null, int maxDegreeOfParallelism = -1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a.Length, b.Length, c.Length, m, n, k, 1, nameof(MultiplyParallel));
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                "Gemm.MultiplyParallel: maxDegreeOfParallelism must be -1 (all cores) or positive.");
        T al = alpha ?? T.One, be = beta ?? T.Zero;
        int threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        // Below ~2 MFLOP the fork/join costs more than it saves.
        if (threads == 1 || (long)m * n * k < 1L << 20)
        {
            MultiplyOnPath(a, b, c, m, n, k, transA, transB, al, be, GemmPath.Auto);
            return;
        }
        int nr = GemmCore.NR<T>(GemmPath.Auto);
        // Split the longer side of C into chunks aligned to micro-tiles, so tile arithmetic is unchanged.
        bool splitN = (long)n * GemmCore.MR >= (long)m * nr / 2 || m < 2 * GemmCore.MR;
        int unit = splitN ? nr : GemmCore.MR;
        int extent = splitN ? n : m;
        int units = (extent + unit - 1) / unit;
        int chunks = Math.Min(threads, units);
        int perChunk = (units + chunks - 1) / chunks * unit;
        chunks = (extent + perChunk - 1) / perChunk;
        Stride(m, k, transA, out int rsA, out int csA);
        Stride(k, n, transB, out int rsB, out int csB);
        fixed (T* pa = a, pb = b, pc = c)
        {
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            bool stream = GemmCore.PreferStreaming(m, n, k, transB);
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int start = t * perChunk, len = Math.Min(perChunk, extent - start);
                T* A = (T*)ia, B = (T*)ib, C = (T*)ic;
                if (splitN)
                    GemmCore.Run(A, rsA, csA, B + (long)start * csB, rsB, csB, C + start, n, m, len, k, al, be, GemmPath.Auto, stream);
                else
                    GemmCore.Run(A + (long)start * rsA, rsA, csA, B, rsB, csB, C + (long)start * n, n, len, n, k, al, be, GemmPath.Auto, stream);
            });
        }
    }

    /// <summary>
    /// Batched multiply: for each of <paramref name="batch"/> items, C_i = alpha * op(A_i) * op(B_i) + beta * C_i,
    /// with A_i, B_i, C_i consecutive [m,k]/[k,m], [k,n]/[n,k], [m,n] blocks. <paramref name="shareA"/>/<paramref name="shareB"/>
    /// use one A or B (a single block) for every item (e.g. shared weights). <paramref name="parallel"/> spreads items over cores.
    /// </summary>
    public static unsafe void MultiplyBatched<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int batch, int m, int n, int k,
        bool transA = false, bool transB = false, T? alpha = null, T? beta = null,
        bool shareA = false, bool shareB = false, bool parallel = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch < 0)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, "Gemm.MultiplyBatched: batch must be >= 0.");
        Validate(shareA ? a.Length * (long)Math.Max(batch, 1) : a.Length, shareB ? b.Length * (long)Math.Max(batch, 1) : b.Length,
            c.Length, m, n, k, batch, nameof(MultiplyBatched));
        T al = alpha ?? T.One, be = beta ?? T.Zero;
        long sa = shareA ? 0 : (long)m * k, sb = shareB ? 0 : (long)k * n, sc = (long)m * n;
        Stride(m, k, transA, out int rsA, out int csA);
        Stride(k, n, transB, out int rsB, out int csB);
        fixed (T* pa = a, pb = b, pc = c)
        {
            bool stream = GemmCore.PreferStreaming(m, n, k, transB);
            if (!parallel || batch < 2)
            {
                for (int i = 0; i < batch; i++)
                    GemmCore.Run(pa + i * sa, rsA, csA, pb + i * sb, rsB, csB, pc + i * sc, n, m, n, k, al, be, GemmPath.Auto, stream);
                return;
            }
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            Parallel.For(0, batch, i =>
                GemmCore.Run((T*)ia + i * sa, rsA, csA, (T*)ib + i * sb, rsB, csB, (T*)ic + i * sc, n, m, n, k, al, be, GemmPath.Auto, stream));
        }
    }

    /// <summary>Single-threaded multiply on a chosen vector path (tests exercise every path on any machine).</summary>
    internal static unsafe void MultiplyOnPath<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transA, bool transB, T alpha, T beta, GemmPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a.Length, b.Length, c.Length, m, n, k, 1, nameof(Multiply));
        Stride(m, k, transA, out int rsA, out int csA);
        Stride(k, n, transB, out int rsB, out int csB);
        fixed (T* pa = a, pb = b, pc = c)
            GemmCore.Run(pa, rsA, csA, pb, rsB, csB, pc, n, m, n, k, alpha, beta, path, GemmCore.PreferStreaming(m, n, k, transB));
    }

    /// <summary>Row/column strides of a logical [rows, cols] operand stored row-major, or transposed ([cols, rows]).</summary>
    private static void Stride(int rows, int cols, bool trans, out int rs, out int cs)
    {
        if (trans) { rs = 1; cs = rows; }
        else { rs = cols; cs = 1; }
    }

    private static void Validate(long aLen, long bLen, long cLen, int m, int n, int k, int batch, string op)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, $"Gemm.{op}: m must be >= 0.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"Gemm.{op}: n must be >= 0.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, $"Gemm.{op}: k must be >= 0.");
        if (aLen < (long)m * k * batch)
            throw new ArgumentException($"Gemm.{op}: a has {aLen} elements, needs {batch}*m*k = {batch}*{m}*{k} = {(long)m * k * batch}.", "a");
        if (bLen < (long)k * n * batch)
            throw new ArgumentException($"Gemm.{op}: b has {bLen} elements, needs {batch}*k*n = {batch}*{k}*{n} = {(long)k * n * batch}.", "b");
        if (cLen < (long)m * n * batch)
            throw new ArgumentException($"Gemm.{op}: c has {cLen} elements, needs {batch}*m*n = {batch}*{m}*{n} = {(long)m * n * batch}.", "c");
    }
}
