using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BrainSharp.Learning.Layers;

/// <summary>Dense and event-driven products used by the reverse pass of the fused spiking layers.</summary>
internal static class RecurrentKernels
{
    /// <summary>
    /// Effective recurrent weights W = |W_raw| * sign(pre) * mask under Dale's law, else W_raw * mask ([pre, post], n x n).
    /// One definition for the BPTT layer and the e-prop learner, which must see the same weights.
    /// </summary>
    public static void EffectiveWeights<T>(ReadOnlySpan<T> raw, ReadOnlySpan<T> sign, ReadOnlySpan<T> mask, bool dale, Span<T> weff, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            T sg = sign[i];
            for (int j = 0; j < n; j++)
            {
                int k = i * n + j;
                weff[k] = dale ? T.Abs(raw[k]) * sg * mask[k] : raw[k] * mask[k];
            }
        }
    }

    /// <summary>
    /// Synaptic current step I = alpha I + x W_in + s_prev W, event-driven: only non-zero inputs and presynaptic spikes add
    /// their weight rows. <paramref name="active"/> is scratch of length n. The BPTT layer and e-prop share it so their
    /// forward passes are the same operations in the same order (bit-identical).
    /// </summary>
    public static void AccumulateSynapticCurrent<T>(Span<T> I, T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> win,
        ReadOnlySpan<T> sPrev, ReadOnlySpan<T> weff, int[] active) where T : unmanaged, IFloatingPointIeee754<T>
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(I, alpha, I);
        AddInputsAndSpikes(I, x, win, sPrev, weff, active);
    }

    /// <summary>
    /// As <see cref="AccumulateSynapticCurrent{T}(Span{T}, T, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int[])"/>
    /// with one decay per postsynaptic neuron (trainable synaptic time constants): I = alpha .* I + x W_in + s_prev W.
    /// </summary>
    public static void AccumulateSynapticCurrent<T>(Span<T> I, ReadOnlySpan<T> alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> win,
        ReadOnlySpan<T> sPrev, ReadOnlySpan<T> weff, int[] active) where T : unmanaged, IFloatingPointIeee754<T>
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(I, alpha, I);
        AddInputsAndSpikes(I, x, win, sPrev, weff, active);
    }

    /// <summary>I += x W_in + s_prev W, adding only the rows of non-zero inputs and of presynaptic neurons that spiked.</summary>
    private static void AddInputsAndSpikes<T>(Span<T> I, ReadOnlySpan<T> x, ReadOnlySpan<T> win, ReadOnlySpan<T> sPrev,
        ReadOnlySpan<T> weff, int[] active) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = I.Length;
        for (int c = 0; c < x.Length; c++)
        {
            T xv = x[c];
            if (xv == T.Zero) continue;
            AddRow(I, win.Slice(c * n, n), xv);
        }
        int na = Gather(sPrev, active);
        for (int q = 0; q < na; q++)
        {
            int i = active[q];
            AddRow(I, weff.Slice(i * n, n), sPrev[i]);
        }
    }

    private static void AddRow<T>(Span<T> acc, ReadOnlySpan<T> row, T scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (scale == T.One) System.Numerics.Tensors.TensorPrimitives.Add(acc, row, acc);
        else System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, scale, acc, acc);
    }

    /// <summary>Indices of the non-zero entries (the events): an O(n) scan that skips all-zero vectors, then work proportional to the events.</summary>
    public static int Gather<T>(ReadOnlySpan<T> s, int[] idx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int na = 0, i = 0, vl = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated)
            for (; i + vl <= s.Length; i += vl)
            {
                if (Vector.EqualsAll(new Vector<T>(s.Slice(i, vl)), Vector<T>.Zero)) continue;
                // Branch-free compaction: the adjoint's non-zeros are too dense and random for a predictable branch.
                for (int k = i; k < i + vl; k++) { idx[na] = k; na += s[k] != T.Zero ? 1 : 0; }
            }
        for (; i < s.Length; i++) if (s[i] != T.Zero) idx[na++] = i;
        return na;
    }

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

    /// <summary>
    /// y = decay * y + sum over q &lt; count of coef[rows[q]] * w[rows[q], :], with w row-major [*, n]: the
    /// event-driven form of a vector-matrix product that skips the zero entries of coef. Each block of 8 vectors of y
    /// stays in registers while all selected rows stream past it, so every loaded weight vector feeds one multiply-add
    /// and nothing else goes through memory.
    /// </summary>
    public static void DecayAddRows<T>(ReadOnlySpan<int> rows, int count, ReadOnlySpan<T> coef, ReadOnlySpan<T> w, Span<T> y, T decay, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count > rows.Length || y.Length < n || coef.Length < n || w.Length < n * n)
            throw new ArgumentException("RecurrentKernels.DecayAddRows: operand too short.");
        for (int q = 0; q < count; q++)
            if ((uint)rows[q] >= (uint)n) throw new ArgumentOutOfRangeException(nameof(rows), rows[q], "RecurrentKernels.DecayAddRows: row index outside [0, n).");
        ref T rw = ref MemoryMarshal.GetReference(w);
        ref T ry = ref MemoryMarshal.GetReference(y);
        ref T rc = ref MemoryMarshal.GetReference(coef);
        ref int ri = ref MemoryMarshal.GetReference(rows);
        int vl = Vector<T>.Count, j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vd = new Vector<T>(decay);
            for (; j + 8 * vl <= n; j += 8 * vl)
            {
                Vector<T> a0 = vd * Load(ref ry, j), a1 = vd * Load(ref ry, j + vl), a2 = vd * Load(ref ry, j + 2 * vl), a3 = vd * Load(ref ry, j + 3 * vl);
                Vector<T> a4 = vd * Load(ref ry, j + 4 * vl), a5 = vd * Load(ref ry, j + 5 * vl), a6 = vd * Load(ref ry, j + 6 * vl), a7 = vd * Load(ref ry, j + 7 * vl);
                for (int q = 0; q < count; q++)
                {
                    int r = Unsafe.Add(ref ri, q);
                    var c = new Vector<T>(Unsafe.Add(ref rc, r));
                    ref T row = ref Unsafe.Add(ref rw, r * n + j);
                    a0 += c * Load(ref row, 0); a1 += c * Load(ref row, vl); a2 += c * Load(ref row, 2 * vl); a3 += c * Load(ref row, 3 * vl);
                    a4 += c * Load(ref row, 4 * vl); a5 += c * Load(ref row, 5 * vl); a6 += c * Load(ref row, 6 * vl); a7 += c * Load(ref row, 7 * vl);
                }
                Store(a0, ref ry, j); Store(a1, ref ry, j + vl); Store(a2, ref ry, j + 2 * vl); Store(a3, ref ry, j + 3 * vl);
                Store(a4, ref ry, j + 4 * vl); Store(a5, ref ry, j + 5 * vl); Store(a6, ref ry, j + 6 * vl); Store(a7, ref ry, j + 7 * vl);
            }
            for (; j + vl <= n; j += vl)
            {
                Vector<T> a0 = vd * Load(ref ry, j);
                for (int q = 0; q < count; q++)
                {
                    int r = Unsafe.Add(ref ri, q);
                    a0 += new Vector<T>(Unsafe.Add(ref rc, r)) * Load(ref rw, r * n + j);
                }
                Store(a0, ref ry, j);
            }
        }
        for (; j < n; j++)
        {
            T acc = decay * y[j];
            for (int q = 0; q < count; q++) { int r = rows[q]; acc += coef[r] * w[r * n + j]; }
            y[j] = acc;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> v, ref T r, int offset) where T : unmanaged, IFloatingPointIeee754<T>
        => v.StoreUnsafe(ref r, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ref T r, int offset) where T : unmanaged, IFloatingPointIeee754<T>
        => Vector.LoadUnsafe(ref r, (nuint)offset);

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => System.Numerics.Tensors.TensorPrimitives.Dot(x, y);
}
