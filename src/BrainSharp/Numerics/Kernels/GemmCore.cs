using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Kernels;

/// <summary>
/// Cache-blocked GEMM after Goto and van de Geijn (2008) / BLIS: C += A*B is cut into KC-deep slices;
/// a KC x NC block of B is packed into NR-wide column panels (lives in L3/L2), an MC x KC block of A into
/// MR-tall row panels (lives in L2), and a register-blocked MR x NR micro-kernel streams one A panel and one
/// B panel (B panel in L1) with all MR x NR accumulators held in vector registers. Packing absorbs the
/// transpose options, so the micro-kernel sees one layout only. Operands are addressed by (row stride,
/// column stride) pairs: op(A)(i,p) = a[i*rsA + p*csA], op(B)(p,j) = b[p*rsB + j*csB].
/// </summary>
internal static unsafe class GemmCore
{
    /// <summary>Micro-tile height: 6 rows x 2 vectors = 12 accumulators + 2 B vectors + 1 broadcast fits the 16 AVX2 registers.</summary>
    internal const int MR = 6;
    /// <summary>Depth of one packed slice: a 256 x NR B panel (16 KiB for float/AVX2) stays in L1.</summary>
    internal const int KC = 256;
    /// <summary>Most rows of A packed at once (multiple of MR): 144 x 256 floats = 144 KiB, inside a 512 KiB L2.
    /// The rows are split into equal blocks, so a short last block does not waste a B panel's trip from L3.</summary>
    internal const int MC = 144;
    /// <summary>B panels packed together just before use: 4 x 16 KiB (float/AVX2) stays in L2.</summary>
    internal const int PackGroup = 4;
    /// <summary>Columns of B packed at once: 256 x 4096 floats = 4 MiB, inside L3.</summary>
    internal const int NC = 4096;

    /// <summary>The widest vector path that is hardware accelerated on this machine.</summary>
    internal static readonly GemmPath BestPath =
        Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
        : GemmPath.VectorT;

    /// <summary>Columns per micro-tile (2 vectors) for a path.</summary>
    internal static int NR<T>(GemmPath path) where T : unmanaged, IFloatingPointIeee754<T> => Resolve(path) switch
    {
        GemmPath.Vector512 => 2 * Vector512<T>.Count,
        GemmPath.Vector256 => 2 * Vector256<T>.Count,
        _ => 2 * Vector<T>.Count,
    };

    internal static GemmPath Resolve(GemmPath path) => path == GemmPath.Auto ? BestPath : path;

    /// <summary>
    /// Whether a product of this (whole-problem) shape takes the streaming path of <see cref="SmallM"/>. Decided once per
    /// call on the full shape, so the blocks of a parallel split all take the same path and round identically.
    /// </summary>
    internal static bool PreferStreaming(int m, int n, int k, bool transB) =>
        // The streaming form keeps the C rows (axpy form) or the A rows (dot form) in L1/L2; beyond that, block.
        m < MR && (!transB ? (long)m * n <= 1 << 15 : (long)m * k <= 1 << 15);

    /// <summary>C[m,n] (leading dimension ldc) = alpha * op(A) * op(B) + beta * C, single-threaded; <paramref name="stream"/>
    /// from <see cref="PreferStreaming"/> (requires m &lt; MR).</summary>
    internal static void Run<T>(T* a, int rsA, int csA, T* b, int rsB, int csB, T* c, int ldc,
        int m, int n, int k, T alpha, T beta, GemmPath path, bool stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0) return;
        if (k == 0 || alpha == T.Zero)
        {
            ScaleC(c, ldc, m, n, beta);
            return;
        }
        if (stream)
        {
            SmallM(a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, alpha, beta);
            return;
        }
        switch (Resolve(path))
        {
            case GemmPath.Vector512: Run<T, GemmV512<T>, Vector512<T>>(a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, alpha, beta); break;
            case GemmPath.Vector256: Run<T, GemmV256<T>, Vector256<T>>(a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, alpha, beta); break;
            default: Run<T, GemmVT<T>, Vector<T>>(a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, alpha, beta); break;
        }
    }

    /// <summary>
    /// Fewer rows than one micro-tile (e.g. a single trial times a weight matrix): packing B would cost as much as
    /// the product and 6-row tiles would waste most of the FMAs, so op(B) is streamed once instead, as axpys of its
    /// rows (B not transposed) or as dot products with its columns (B transposed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SmallM<T>(T* a, int rsA, int csA, T* b, int rsB, int csB, T* c, int ldc,
        int m, int n, int k, T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* ar = GemmBuffers<T>.A(m * k);
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) ar[(long)i * k + p] = a[(long)i * rsA + (long)p * csA];
        if (csB == 1)
        {
            ScaleC(c, ldc, m, n, beta);
            T** rows = stackalloc T*[4];
            T* coef = stackalloc T[4];
            for (int p = 0; p < k; p += 4)
            {
                int cnt = Math.Min(4, k - p);
                for (int r = 0; r < cnt; r++) rows[r] = b + (long)(p + r) * rsB;
                for (int i = 0; i < m; i++)
                {
                    for (int r = 0; r < cnt; r++) coef[r] = alpha * ar[(long)i * k + p + r];
                    if (cnt == 4) EventAxpy.Add4(c + (long)i * ldc, n, rows, coef);
                    else EventAxpy.AddFew(c + (long)i * ldc, n, rows, coef, cnt);
                }
            }
        }
        else
        {
            for (int j = 0; j < n; j++)
            {
                var bj = new ReadOnlySpan<T>(b + (long)j * csB, k);
                for (int i = 0; i < m; i++)
                {
                    T d = System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<T>(ar + (long)i * k, k), bj);
                    T* cij = c + (long)i * ldc + j;
                    *cij = beta == T.Zero ? alpha * d : T.FusedMultiplyAdd(alpha, d, beta * *cij);
                }
            }
        }
    }

    /// <summary>C = beta * C, with beta = 0 clearing C even where it held NaN (BLAS convention).</summary>
    internal static void ScaleC<T>(T* c, int ldc, int m, int n, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
        {
            var row = new Span<T>(c + (long)i * ldc, n);
            if (beta == T.Zero) row.Clear();
            else System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, V, TVec>(T* a, int rsA, int csA, T* b, int rsB, int csB, T* c, int ldc,
        int m, int n, int k, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where V : struct, IGemmVector<T, TVec>
        where TVec : struct
    {
        int nr = 2 * V.Count;
        int ncMax = Math.Min(NC, RoundUp(n, nr));
        int kcMax = Math.Min(KC, k);
        int mBlocks = (m + MC - 1) / MC;
        int mcMax = Math.Min(MC, RoundUp((m + mBlocks - 1) / mBlocks, MR));
        T* ap = GemmBuffers<T>.A(mcMax * kcMax);
        T* bp = GemmBuffers<T>.B(ncMax * kcMax);
        T* tile = stackalloc T[MR * 2 * Vector512<T>.Count + 64];
        tile = Align(tile);

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                // Only the first slice sees the caller's beta; later slices accumulate onto it.
                T betaSlice = pc == 0 ? beta : T.One;
                T* bSlice = b + (long)pc * rsB + (long)jc * csB;
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    PackA(a + (long)ic * rsA + (long)pc * csA, rsA, csA, mc, kc, ap);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int nrr = Math.Min(nr, nc - jr);
                        T* bPanel = bp + (long)jr * kc;
                        // B panels are packed during the first row block, a group at a time right before first use, so
                        // they are still in L1/L2 instead of round-tripping through L3, while the source rows are still
                        // read in PackGroup * NR-wide contiguous runs that the hardware prefetcher can follow.
                        if (ic == 0 && jr % (PackGroup * nr) == 0)
                            PackB<T, V, TVec>(bSlice + (long)jr * csB, rsB, csB, kc, Math.Min(PackGroup * nr, nc - jr), bPanel);
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mrr = Math.Min(MR, mc - ir);
                            T* aPanel = ap + (long)ir * kc;
                            T* cc = c + (long)(ic + ir) * ldc + jc + jr;
                            if (mrr == MR && nrr == nr)
                                Micro<T, V, TVec>(kc, aPanel, bPanel, cc, ldc, alpha, betaSlice);
                            else
                            {
                                Micro<T, V, TVec>(kc, aPanel, bPanel, tile, nr, T.One, T.Zero);
                                WriteEdge(tile, nr, cc, ldc, mrr, nrr, alpha, betaSlice);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Same arithmetic as the micro-kernel's store, so edge tiles round exactly like full ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteEdge<T>(T* tile, int ldt, T* c, int ldc, int mr, int nr, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < mr; i++)
        {
            T* t = tile + i * ldt;
            T* cr = c + (long)i * ldc;
            if (beta == T.Zero)
                for (int j = 0; j < nr; j++) cr[j] = t[j] * alpha;
            else if (beta == T.One)
                for (int j = 0; j < nr; j++) cr[j] = T.FusedMultiplyAdd(t[j], alpha, cr[j]);
            else
                for (int j = 0; j < nr; j++) cr[j] = T.FusedMultiplyAdd(t[j], alpha, beta * cr[j]);
        }
    }

    /// <summary>Packs op(A)[0..mc, 0..kc] into MR-row panels, each stored p-major (MR values per p), zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(T* a, int rsA, int csA, int mc, int kc, T* ap) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            T* src = a + (long)ir * rsA;
            if (rows == MR && csA == 1)
            {
                T* r0 = src, r1 = src + rsA, r2 = src + 2L * rsA, r3 = src + 3L * rsA, r4 = src + 4L * rsA, r5 = src + 5L * rsA;
                for (int p = 0; p < kc; p++)
                {
                    ap[0] = r0[p]; ap[1] = r1[p]; ap[2] = r2[p]; ap[3] = r3[p]; ap[4] = r4[p]; ap[5] = r5[p];
                    ap += MR;
                }
            }
            else if (rows == MR && rsA == 1)
            {
                for (int p = 0; p < kc; p++)
                {
                    T* s = src + (long)p * csA;
                    ap[0] = s[0]; ap[1] = s[1]; ap[2] = s[2]; ap[3] = s[3]; ap[4] = s[4]; ap[5] = s[5];
                    ap += MR;
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    int r = 0;
                    for (; r < rows; r++) ap[r] = src[(long)r * rsA + (long)p * csA];
                    for (; r < MR; r++) ap[r] = T.Zero;
                    ap += MR;
                }
            }
        }
    }

    /// <summary>Packs op(B)[0..kc, 0..nc] into NR-column panels, each stored p-major (NR values per p), zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T, V, TVec>(T* b, int rsB, int csB, int kc, int nc, T* bp)
        where T : unmanaged, IFloatingPointIeee754<T>
        where V : struct, IGemmVector<T, TVec>
        where TVec : struct
    {
        int w = V.Count, nr = 2 * w;
        int jr = 0;
        if (csB == 1 && nc >= nr)
        {
            // Row-major B: walk each source row once across all full panels (one long contiguous read per row).
            int full = nc / nr;
            long panel = (long)kc * nr;
            for (int p = 0; p < kc; p++)
            {
                T* s = b + (long)p * rsB;
                T* d = bp + (long)p * nr;
                for (int q = 0; q < full; q++, s += nr, d += panel)
                {
                    V.Store(d, V.Load(s));
                    V.Store(d + w, V.Load(s + w));
                }
            }
            jr = full * nr;
            bp += full * panel;
        }
        for (; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* src = b + (long)jr * csB;
            if (cols == nr && rsB == 1)
            {
                // B is read transposed: walk each source row contiguously, scatter with stride nr into the panel.
                for (int j = 0; j < nr; j++)
                {
                    T* s = src + (long)j * csB;
                    T* d = bp + j;
                    for (int p = 0; p < kc; p++) d[(long)p * nr] = s[p];
                }
                bp += (long)kc * nr;
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    int j = 0;
                    for (; j < cols; j++) bp[j] = src[(long)p * rsB + (long)j * csB];
                    for (; j < nr; j++) bp[j] = T.Zero;
                    bp += nr;
                }
            }
        }
    }

    /// <summary>
    /// C[0..MR, 0..NR] = alpha * (Apanel * Bpanel) + beta * C. beta = 0 never reads C; beta = 1 skips the multiply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Micro<T, V, TVec>(int kc, T* a, T* b, T* c, int ldc, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where V : struct, IGemmVector<T, TVec>
        where TVec : struct
    {
        int w = V.Count;
        TVec c00 = V.Zero, c01 = V.Zero, c10 = V.Zero, c11 = V.Zero, c20 = V.Zero, c21 = V.Zero;
        TVec c30 = V.Zero, c31 = V.Zero, c40 = V.Zero, c41 = V.Zero, c50 = V.Zero, c51 = V.Zero;
        TVec b0, b1, x;
        int p = 0;
        for (; p + 1 < kc; p += 2)
        {
            b0 = V.Load(b); b1 = V.Load(b + w);
            x = V.Splat(a[0]); c00 = V.Fma(x, b0, c00); c01 = V.Fma(x, b1, c01);
            x = V.Splat(a[1]); c10 = V.Fma(x, b0, c10); c11 = V.Fma(x, b1, c11);
            x = V.Splat(a[2]); c20 = V.Fma(x, b0, c20); c21 = V.Fma(x, b1, c21);
            x = V.Splat(a[3]); c30 = V.Fma(x, b0, c30); c31 = V.Fma(x, b1, c31);
            x = V.Splat(a[4]); c40 = V.Fma(x, b0, c40); c41 = V.Fma(x, b1, c41);
            x = V.Splat(a[5]); c50 = V.Fma(x, b0, c50); c51 = V.Fma(x, b1, c51);
            b0 = V.Load(b + 2 * w); b1 = V.Load(b + 3 * w);
            x = V.Splat(a[MR + 0]); c00 = V.Fma(x, b0, c00); c01 = V.Fma(x, b1, c01);
            x = V.Splat(a[MR + 1]); c10 = V.Fma(x, b0, c10); c11 = V.Fma(x, b1, c11);
            x = V.Splat(a[MR + 2]); c20 = V.Fma(x, b0, c20); c21 = V.Fma(x, b1, c21);
            x = V.Splat(a[MR + 3]); c30 = V.Fma(x, b0, c30); c31 = V.Fma(x, b1, c31);
            x = V.Splat(a[MR + 4]); c40 = V.Fma(x, b0, c40); c41 = V.Fma(x, b1, c41);
            x = V.Splat(a[MR + 5]); c50 = V.Fma(x, b0, c50); c51 = V.Fma(x, b1, c51);
            a += 2 * MR;
            b += 4 * w;
        }
        if (p < kc)
        {
            b0 = V.Load(b); b1 = V.Load(b + w);
            x = V.Splat(a[0]); c00 = V.Fma(x, b0, c00); c01 = V.Fma(x, b1, c01);
            x = V.Splat(a[1]); c10 = V.Fma(x, b0, c10); c11 = V.Fma(x, b1, c11);
            x = V.Splat(a[2]); c20 = V.Fma(x, b0, c20); c21 = V.Fma(x, b1, c21);
            x = V.Splat(a[3]); c30 = V.Fma(x, b0, c30); c31 = V.Fma(x, b1, c31);
            x = V.Splat(a[4]); c40 = V.Fma(x, b0, c40); c41 = V.Fma(x, b1, c41);
            x = V.Splat(a[5]); c50 = V.Fma(x, b0, c50); c51 = V.Fma(x, b1, c51);
        }
        TVec al = V.Splat(alpha);
        if (beta == T.Zero)
        {
            StoreZ<T, V, TVec>(c, w, c00, c01, al); StoreZ<T, V, TVec>(c + ldc, w, c10, c11, al);
            StoreZ<T, V, TVec>(c + 2L * ldc, w, c20, c21, al); StoreZ<T, V, TVec>(c + 3L * ldc, w, c30, c31, al);
            StoreZ<T, V, TVec>(c + 4L * ldc, w, c40, c41, al); StoreZ<T, V, TVec>(c + 5L * ldc, w, c50, c51, al);
        }
        else if (beta == T.One)
        {
            StoreO<T, V, TVec>(c, w, c00, c01, al); StoreO<T, V, TVec>(c + ldc, w, c10, c11, al);
            StoreO<T, V, TVec>(c + 2L * ldc, w, c20, c21, al); StoreO<T, V, TVec>(c + 3L * ldc, w, c30, c31, al);
            StoreO<T, V, TVec>(c + 4L * ldc, w, c40, c41, al); StoreO<T, V, TVec>(c + 5L * ldc, w, c50, c51, al);
        }
        else
        {
            TVec be = V.Splat(beta);
            StoreB<T, V, TVec>(c, w, c00, c01, al, be); StoreB<T, V, TVec>(c + ldc, w, c10, c11, al, be);
            StoreB<T, V, TVec>(c + 2L * ldc, w, c20, c21, al, be); StoreB<T, V, TVec>(c + 3L * ldc, w, c30, c31, al, be);
            StoreB<T, V, TVec>(c + 4L * ldc, w, c40, c41, al, be); StoreB<T, V, TVec>(c + 5L * ldc, w, c50, c51, al, be);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreZ<T, V, TVec>(T* c, int w, TVec x0, TVec x1, TVec al)
        where T : unmanaged where V : struct, IGemmVector<T, TVec> where TVec : struct
    {
        V.Store(c, V.Mul(x0, al));
        V.Store(c + w, V.Mul(x1, al));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreO<T, V, TVec>(T* c, int w, TVec x0, TVec x1, TVec al)
        where T : unmanaged where V : struct, IGemmVector<T, TVec> where TVec : struct
    {
        V.Store(c, V.Fma(x0, al, V.Load(c)));
        V.Store(c + w, V.Fma(x1, al, V.Load(c + w)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreB<T, V, TVec>(T* c, int w, TVec x0, TVec x1, TVec al, TVec be)
        where T : unmanaged where V : struct, IGemmVector<T, TVec> where TVec : struct
    {
        V.Store(c, V.Fma(x0, al, V.Mul(be, V.Load(c))));
        V.Store(c + w, V.Fma(x1, al, V.Mul(be, V.Load(c + w))));
    }

    private static int RoundUp(int x, int to) => (x + to - 1) / to * to;

    internal static T* Align<T>(T* p) where T : unmanaged => (T*)(((nint)p + 63) & ~(nint)63);
}
