namespace BrainSharp.Numerics;

// Shape operations. Storage is always contiguous and row-major, so Reshape shares storage while
// Permute, Slice and Concat copy into fresh arrays; no tensor is ever a strided view.
public sealed partial class Tensor<T>
{
    /// <summary>Same elements, new shape (one extent may be -1 to infer it); shares storage.</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        var x = this;
        var y = ReshapeRaw(shape);
        return Record("Reshape", y, x, g => g.ReshapeRaw(x.Shape));
    }

    internal Tensor<T> ReshapeRaw(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"Reshape: more than one -1 in {ShapeUtil.Format(shape)}.");
                infer = i;
            }
            else if (shape[i] < 0) throw new ArgumentException($"Reshape: negative extent in {ShapeUtil.Format(shape)}.");
            else known *= shape[i];
        }
        var s = (int[])shape.Clone();
        if (infer >= 0)
        {
            if (known == 0 || Size % known != 0)
                throw new ArgumentException($"Reshape: cannot reshape {ShapeUtil.Format(Shape)} ({Size} elements) to {ShapeUtil.Format(shape)}.");
            s[infer] = (int)(Size / known);
        }
        else if (known != Size)
            throw new ArgumentException($"Reshape: cannot reshape {ShapeUtil.Format(Shape)} ({Size} elements) to {ShapeUtil.Format(shape)}.");
        return new Tensor<T>(Data, s);
    }

    /// <summary>Flattens to 1-D (shares storage).</summary>
    public Tensor<T> Flatten() => Reshape(Size);

    /// <summary>Inserts an axis of extent 1 at <paramref name="axis"/> (negative counts from the end of the result).</summary>
    public Tensor<T> Unsqueeze(int axis)
    {
        int a = axis < 0 ? axis + Rank + 1 : axis;
        if ((uint)a > (uint)Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Unsqueeze: axis {axis} is out of range for shape {ShapeUtil.Format(Shape)}.");
        var s = new int[Rank + 1];
        for (int i = 0, j = 0; i < s.Length; i++) s[i] = i == a ? 1 : Shape[j++];
        return Reshape(s);
    }

    /// <summary>Removes an axis of extent 1.</summary>
    public Tensor<T> Squeeze(int axis)
    {
        int a = NormalizeAxes("Squeeze", [axis])[0];
        if (Shape[a] != 1) throw new ArgumentException($"Squeeze: axis {axis} of shape {ShapeUtil.Format(Shape)} has extent {Shape[a]}, not 1.");
        var s = new int[Rank - 1];
        for (int i = 0, j = 0; i < Rank; i++) if (i != a) s[j++] = Shape[i];
        return Reshape(s);
    }

    /// <summary>Reorders axes: result axis i is input axis perm[i] (copies).</summary>
    public Tensor<T> Permute(params int[] perm)
    {
        ArgumentNullException.ThrowIfNull(perm);
        if (perm.Length != Rank) throw new ArgumentException($"Permute: permutation {ShapeUtil.Format(perm)} has {perm.Length} axes for shape {ShapeUtil.Format(Shape)}.");
        var seen = new bool[Rank];
        var p = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int a = perm[i] < 0 ? perm[i] + Rank : perm[i];
            if ((uint)a >= (uint)Rank || seen[a])
                throw new ArgumentException($"Permute: {ShapeUtil.Format(perm)} is not a permutation of the axes of shape {ShapeUtil.Format(Shape)}.");
            seen[a] = true; p[i] = a;
        }
        var inv = new int[Rank];
        for (int i = 0; i < Rank; i++) inv[p[i]] = i;
        var x = this;
        return Record("Permute", PermuteRaw(p), x, g => g.PermuteRaw(inv));
    }

    /// <summary>Swaps two axes (default: the last two) (copies).</summary>
    public Tensor<T> Transpose(int axis0 = -2, int axis1 = -1)
    {
        if (Rank < 2) throw new ArgumentException($"Transpose: needs at least 2 axes, shape is {ShapeUtil.Format(Shape)}.");
        int a = axis0 < 0 ? axis0 + Rank : axis0, b = axis1 < 0 ? axis1 + Rank : axis1;
        if ((uint)a >= (uint)Rank || (uint)b >= (uint)Rank)
            throw new ArgumentOutOfRangeException(nameof(axis0), $"Transpose: axes {axis0}, {axis1} out of range for shape {ShapeUtil.Format(Shape)}.");
        var p = new int[Rank];
        for (int i = 0; i < Rank; i++) p[i] = i;
        (p[a], p[b]) = (p[b], p[a]);
        return Permute(p);
    }

    internal Tensor<T> PermuteRaw(int[] perm)
    {
        var outShape = new int[Rank];
        var src = Strides;
        var st = new int[Rank];
        for (int i = 0; i < Rank; i++) { outShape[i] = Shape[perm[i]]; st[i] = src[perm[i]]; }
        var y = new Tensor<T>(outShape);
        if (y.Size == 0) return y;
        if (Rank == 0) { y.Data[0] = Data[0]; return y; }
        int inner = outShape[^1], stride = st[^1];
        var offs = Broadcasting.RowOffsets(outShape, st)[0];
        T[] xd = Data, yd = y.Data;
        void Row(int r)
        {
            int o = offs[r], d = r * inner;
            if (stride == 1) Array.Copy(xd, o, yd, d, inner);
            else for (int j = 0; j < inner; j++) yd[d + j] = xd[o + j * stride];
        }
        if (y.Size > Operators.Elementwise.ParallelThreshold && offs.Length > 1) Parallel.For(0, offs.Length, Row);
        else for (int r = 0; r < offs.Length; r++) Row(r);
        return y;
    }

    /// <summary>Joins tensors along an existing axis; all other extents must agree.</summary>
    public static Tensor<T> Concat(int axis, params Tensor<T>[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("Concat: no tensors given.");
        var first = parts[0];
        int a = first.NormalizeAxes("Concat", [axis])[0];
        var shape = (int[])first.Shape.Clone();
        int total = 0;
        foreach (var p in parts)
        {
            bool ok = p.Rank == first.Rank;
            for (int i = 0; ok && i < first.Rank; i++) ok = i == a || p.Shape[i] == first.Shape[i];
            if (!ok) throw new ArgumentException($"Concat: shapes {ShapeUtil.Format(first.Shape)} and {ShapeUtil.Format(p.Shape)} differ outside axis {axis}.");
            total += p.Shape[a];
        }
        shape[a] = total;
        var y = new Tensor<T>(shape);
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= shape[i];
        for (int i = a + 1; i < shape.Length; i++) inner *= shape[i];
        int rowOut = total * inner, at = 0;
        var starts = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            starts[k] = at;
            int block = parts[k].Shape[a] * inner;
            for (int o = 0; o < outer; o++) Array.Copy(parts[k].Data, o * block, y.Data, o * rowOut + at * inner, block);
            at += parts[k].Shape[a];
        }
        var ps = (Tensor<T>[])parts.Clone();
        return Record("Concat", [y], ps, up =>
        {
            var grads = new Tensor<T>?[ps.Length];
            for (int k = 0; k < ps.Length; k++)
                if (ps[k].IsTracked) grads[k] = up[0].SliceRaw(a, starts[k], starts[k] + ps[k].Shape[a]);
            return grads;
        })[0];
    }

    /// <summary>Stacks equally shaped tensors along a new axis.</summary>
    public static Tensor<T> Stack(int axis, params Tensor<T>[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("Stack: no tensors given.");
        foreach (var p in parts)
            if (!p.Shape.AsSpan().SequenceEqual(parts[0].Shape))
                throw new ArgumentException($"Stack: shapes {ShapeUtil.Format(parts[0].Shape)} and {ShapeUtil.Format(p.Shape)} differ.");
        var u = new Tensor<T>[parts.Length];
        for (int i = 0; i < parts.Length; i++) u[i] = parts[i].Unsqueeze(axis);
        return Concat(axis < 0 ? axis + parts[0].Rank + 1 : axis, u);
    }

    /// <summary>Elements start..end-1 along an axis (copies); negative start/end count from the end.</summary>
    public Tensor<T> Slice(int axis, int start, int end)
    {
        int a = NormalizeAxes("Slice", [axis])[0];
        int n = Shape[a];
        int s = start < 0 ? start + n : start, e = end < 0 ? end + n : end;
        if (s < 0 || e > n || s > e)
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice: range [{start}, {end}) is invalid for axis {axis} of extent {n} in shape {ShapeUtil.Format(Shape)}.");
        var x = this;
        return Record("Slice", SliceRaw(a, s, e), x, g =>
        {
            var dx = new Tensor<T>(x.Shape);
            CopyBlock(g, 0, dx, s, a, e - s);
            return dx;
        });
    }

    /// <summary>Selects one index along an axis and drops that axis.</summary>
    public Tensor<T> Select(int axis, int index) => Slice(axis, index, index < 0 ? index + Shape[NormalizeAxes("Select", [axis])[0]] + 1 : index + 1).Squeeze(axis);

    internal Tensor<T> SliceRaw(int a, int s, int e)
    {
        var shape = (int[])Shape.Clone();
        shape[a] = e - s;
        var y = new Tensor<T>(shape);
        CopyBlock(this, s, y, 0, a, e - s);
        return y;
    }

    /// <summary>Copies <paramref name="len"/> positions along axis a from src (starting at srcAt) to dst (starting at dstAt); other extents equal.</summary>
    private static void CopyBlock(Tensor<T> src, int srcAt, Tensor<T> dst, int dstAt, int a, int len)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= src.Shape[i];
        for (int i = a + 1; i < src.Rank; i++) inner *= src.Shape[i];
        int sRow = src.Shape[a] * inner, dRow = dst.Shape[a] * inner, block = len * inner;
        for (int o = 0; o < outer; o++) Array.Copy(src.Data, o * sRow + srcAt * inner, dst.Data, o * dRow + dstAt * inner, block);
    }

    /// <summary>Running sum along an axis (inclusive); the gradient is the reversed running sum.</summary>
    public Tensor<T> CumSum(int axis)
    {
        int a = NormalizeAxes("CumSum", [axis])[0];
        var x = this;
        return Record("CumSum", CumSumRaw(a, reverse: false), x, g => g.CumSumRaw(a, reverse: true));
    }

    private Tensor<T> CumSumRaw(int a, bool reverse)
    {
        var y = new Tensor<T>(Shape);
        int outer = 1, inner = 1, len = Shape[a];
        for (int i = 0; i < a; i++) outer *= Shape[i];
        for (int i = a + 1; i < Rank; i++) inner *= Shape[i];
        T[] xd = Data, yd = y.Data;
        if (len == 0) return y;
        // Whole inner rows at a time: row k = row k-1 + x[k] with the SIMD driver.
        for (int o = 0; o < outer; o++)
        {
            int first = reverse ? len - 1 : 0, step = reverse ? -1 : 1;
            Array.Copy(xd, (o * len + first) * inner, yd, (o * len + first) * inner, inner);
            for (int t = 1; t < len; t++)
            {
                int k = first + t * step;
                var prev = new ReadOnlySpan<T>(yd, (o * len + k - step) * inner, inner);
                var cur = new ReadOnlySpan<T>(xd, (o * len + k) * inner, inner);
                Operators.Elementwise.Binary(new Operators.AddOp<T>(), prev, 1, cur, 1, new Span<T>(yd, (o * len + k) * inner, inner));
            }
        }
        return y;
    }
}
