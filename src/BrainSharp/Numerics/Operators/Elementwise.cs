using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BrainSharp.Numerics.Operators;

/// <summary>
/// The one generic loop driver for element-wise operators: Vector512, then Vector256, then a scalar tail.
/// Each input has a stride of 1 (a full row) or 0 (one value broadcast along the row), which covers
/// same-shape, scalar-broadcast and, row by row, general NumPy broadcasting. The array overloads split
/// work above <see cref="ParallelThreshold"/> elements across cores.
/// </summary>
public static class Elementwise
{
    /// <summary>Element count above which the array drivers use Parallel.For over chunks.</summary>
    public const int ParallelThreshold = 100_000;

    /// <summary>Chunk length for parallel work (a multiple of every vector width).</summary>
    internal const int ChunkLength = 32_768;

    /// <summary>dst[i] = op(x[i]); dst may alias x.</summary>
    public static void Unary<T, TOp>(TOp op, ReadOnlySpan<T> x, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IUnaryOperator<T>
    {
        if (dst.Length != x.Length) throw new ArgumentException($"Elementwise.Unary: source length {x.Length} and destination length {dst.Length} differ.");
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        int n = x.Length, i = 0;
        if (op.Vectorizable)
        {
            if (Vector512.IsHardwareAccelerated)
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                    op.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            if (Vector256.IsHardwareAccelerated)
                for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                    op.Invoke(Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i));
    }

    /// <summary>dst[i] = op(x[i*sx], y[i*sy]) with strides sx, sy in {0, 1}; dst may alias a stride-1 input.</summary>
    public static void Binary<T, TOp>(TOp op, ReadOnlySpan<T> x, int sx, ReadOnlySpan<T> y, int sy, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOperator<T>
    {
        int n = dst.Length;
        CheckOperand(x.Length, sx, n, "Binary");
        CheckOperand(y.Length, sy, n, "Binary");
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        if (op.Vectorizable)
        {
            if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
            {
                Vector512<T> bx = Vector512.Create(xr), by = Vector512.Create(yr);
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    var vx = sx == 0 ? bx : Vector512.LoadUnsafe(ref xr, (nuint)i);
                    var vy = sy == 0 ? by : Vector512.LoadUnsafe(ref yr, (nuint)i);
                    op.Invoke(vx, vy).StoreUnsafe(ref dr, (nuint)i);
                }
            }
            if (Vector256.IsHardwareAccelerated && n - i >= Vector256<T>.Count)
            {
                Vector256<T> bx = Vector256.Create(xr), by = Vector256.Create(yr);
                for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    var vx = sx == 0 ? bx : Vector256.LoadUnsafe(ref xr, (nuint)i);
                    var vy = sy == 0 ? by : Vector256.LoadUnsafe(ref yr, (nuint)i);
                    op.Invoke(vx, vy).StoreUnsafe(ref dr, (nuint)i);
                }
            }
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i * sx), Unsafe.Add(ref yr, i * sy));
    }

    /// <summary>dst[i] = op(x[i*sx], y[i*sy], z[i*sz]) with strides in {0, 1}.</summary>
    public static void Ternary<T, TOp>(TOp op, ReadOnlySpan<T> x, int sx, ReadOnlySpan<T> y, int sy, ReadOnlySpan<T> z, int sz, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, ITernaryOperator<T>
    {
        int n = dst.Length;
        CheckOperand(x.Length, sx, n, "Ternary");
        CheckOperand(y.Length, sy, n, "Ternary");
        CheckOperand(z.Length, sz, n, "Ternary");
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T zr = ref MemoryMarshal.GetReference(z);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        if (op.Vectorizable)
        {
            if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
            {
                Vector512<T> bx = Vector512.Create(xr), by = Vector512.Create(yr), bz = Vector512.Create(zr);
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    var vx = sx == 0 ? bx : Vector512.LoadUnsafe(ref xr, (nuint)i);
                    var vy = sy == 0 ? by : Vector512.LoadUnsafe(ref yr, (nuint)i);
                    var vz = sz == 0 ? bz : Vector512.LoadUnsafe(ref zr, (nuint)i);
                    op.Invoke(vx, vy, vz).StoreUnsafe(ref dr, (nuint)i);
                }
            }
            if (Vector256.IsHardwareAccelerated && n - i >= Vector256<T>.Count)
            {
                Vector256<T> bx = Vector256.Create(xr), by = Vector256.Create(yr), bz = Vector256.Create(zr);
                for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    var vx = sx == 0 ? bx : Vector256.LoadUnsafe(ref xr, (nuint)i);
                    var vy = sy == 0 ? by : Vector256.LoadUnsafe(ref yr, (nuint)i);
                    var vz = sz == 0 ? bz : Vector256.LoadUnsafe(ref zr, (nuint)i);
                    op.Invoke(vx, vy, vz).StoreUnsafe(ref dr, (nuint)i);
                }
            }
        }
        for (; i < n; i++)
            Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i * sx), Unsafe.Add(ref yr, i * sy), Unsafe.Add(ref zr, i * sz));
    }

    /// <summary>dst = op(x) over whole arrays, in parallel chunks above <see cref="ParallelThreshold"/>.</summary>
    public static void Unary<T, TOp>(TOp op, T[] x, T[] dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IUnaryOperator<T>
    {
        int n = dst.Length;
        if (n <= ParallelThreshold) { Unary(op, (ReadOnlySpan<T>)x, dst); return; }
        int chunks = (n + ChunkLength - 1) / ChunkLength;
        Parallel.For(0, chunks, c =>
        {
            int s = c * ChunkLength, len = Math.Min(ChunkLength, n - s);
            Unary(op, new ReadOnlySpan<T>(x, s, len), new Span<T>(dst, s, len));
        });
    }

    /// <summary>dst = op(x, y) over whole arrays where each input is full-length or a single broadcast value; parallel above the threshold.</summary>
    public static void Binary<T, TOp>(TOp op, T[] x, T[] y, T[] dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOperator<T>
    {
        int n = dst.Length;
        int sx = x.Length == 1 && n != 1 ? 0 : 1, sy = y.Length == 1 && n != 1 ? 0 : 1;
        if (n <= ParallelThreshold) { Binary(op, (ReadOnlySpan<T>)x, sx, y, sy, dst); return; }
        int chunks = (n + ChunkLength - 1) / ChunkLength;
        Parallel.For(0, chunks, c =>
        {
            int s = c * ChunkLength, len = Math.Min(ChunkLength, n - s);
            Binary(op, sx == 0 ? x : new ReadOnlySpan<T>(x, s, len), sx, sy == 0 ? y : new ReadOnlySpan<T>(y, s, len), sy, new Span<T>(dst, s, len));
        });
    }

    private static void CheckOperand(int length, int stride, int n, string what)
    {
        if (stride == 0 ? length < 1 && n > 0 : stride == 1 ? length != n : true)
            throw new ArgumentException($"Elementwise.{what}: operand of length {length} with stride {stride} does not fit a destination of length {n} (stride must be 0 or 1).");
    }
}
