using System.Numerics.Tensors;
using BrainSharp.Numerics.Operators;

namespace BrainSharp.Numerics;

// Reductions over any set of axes. The tensor is viewed as [outer, len, inner] per reduced axis:
// inner == 1 reduces contiguous rows with TensorPrimitives; otherwise whole inner rows are combined
// with the SIMD driver. Each public reduction records a single node, however many axes it reduces.
public sealed partial class Tensor<T>
{
    private enum ReduceKind { Sum, Max, Min }

    /// <summary>Sum of all elements (shape []).</summary>
    public Tensor<T> Sum() => Sum(AllAxes(), false);
    /// <summary>Sum over one axis (negative counts from the end).</summary>
    public Tensor<T> Sum(int axis, bool keepDims = false) => Sum([axis], keepDims);
    /// <summary>Sum over several axes.</summary>
    public Tensor<T> Sum(int[] axes, bool keepDims = false)
    {
        var x = this;
        var ax = NormalizeAxes("Sum", axes);
        var keep = ReduceRaw(x, ax, ReduceKind.Sum);
        var y = keepDims ? keep : keep.ReshapeRaw(DropAxes(x.Shape, ax));
        var keepShape = keep.Shape;
        return Record("Sum", y, x, g => g.ReshapeRaw(keepShape).BroadcastRaw(x.Shape));
    }

    /// <summary>Mean of all elements (shape []).</summary>
    public Tensor<T> Mean() => Mean(AllAxes(), false);
    /// <summary>Mean over one axis.</summary>
    public Tensor<T> Mean(int axis, bool keepDims = false) => Mean([axis], keepDims);
    /// <summary>Mean over several axes.</summary>
    public Tensor<T> Mean(int[] axes, bool keepDims = false)
    {
        var ax = NormalizeAxes("Mean", axes);
        long count = 1;
        foreach (int a in ax) count *= Shape[a];
        if (count == 0) throw new ArgumentException($"Mean: cannot average over an empty axis of shape {ShapeUtil.Format(Shape)}.");
        return Sum(ax, keepDims) * (T.One / T.CreateChecked(count));
    }

    /// <summary>Maximum of all elements (shape []).</summary>
    public Tensor<T> Max() => Max(AllAxes(), false);
    /// <summary>Maximum over one axis.</summary>
    public Tensor<T> Max(int axis, bool keepDims = false) => Max([axis], keepDims);
    /// <summary>Maximum over several axes; ties share the gradient equally.</summary>
    public Tensor<T> Max(int[] axes, bool keepDims = false) => Extremum("Max", ReduceKind.Max, axes, keepDims);

    /// <summary>Minimum of all elements (shape []).</summary>
    public Tensor<T> Min() => Min(AllAxes(), false);
    /// <summary>Minimum over one axis.</summary>
    public Tensor<T> Min(int axis, bool keepDims = false) => Min([axis], keepDims);
    /// <summary>Minimum over several axes; ties share the gradient equally.</summary>
    public Tensor<T> Min(int[] axes, bool keepDims = false) => Extremum("Min", ReduceKind.Min, axes, keepDims);

    private Tensor<T> Extremum(string name, ReduceKind kind, int[] axes, bool keepDims)
    {
        var x = this;
        var ax = NormalizeAxes(name, axes);
        var keep = ReduceRaw(x, ax, kind);
        var y = keepDims ? keep : keep.ReshapeRaw(DropAxes(x.Shape, ax));
        return Record(name, y, x, g =>
        {
            var mask = Zip(new EqualOp<T>(), x, keep, name);
            var count = ReduceRaw(mask, ax, ReduceKind.Sum);
            return Zip(new MulOp<T>(), mask, g.ReshapeRaw(keep.Shape) / count, name);
        });
    }

    /// <summary>log(sum(exp(x))) over all elements, computed stably (shape []).</summary>
    public Tensor<T> LogSumExp() => LogSumExp(AllAxes(), false);
    /// <summary>log(sum(exp(x))) over one axis, computed stably.</summary>
    public Tensor<T> LogSumExp(int axis, bool keepDims = false) => LogSumExp([axis], keepDims);
    /// <summary>log(sum(exp(x))) over several axes, computed stably.</summary>
    public Tensor<T> LogSumExp(int[] axes, bool keepDims = false)
    {
        var x = this;
        var ax = NormalizeAxes("LogSumExp", axes);
        var lse = LogSumExpKeep(x, ax);
        var y = keepDims ? lse : lse.ReshapeRaw(DropAxes(x.Shape, ax));
        return Record("LogSumExp", y, x, g => g.ReshapeRaw(lse.Shape) * (x - lse).ExpRaw());
    }

    /// <summary>Softmax along an axis: exp(x - logsumexp(x)).</summary>
    public Tensor<T> Softmax(int axis = -1)
    {
        var x = this;
        var ax = NormalizeAxes("Softmax", [axis]);
        var (_, e, sum) = ShiftedExp(x, ax);
        var y = Zip(new DivOp<T>(), e, sum, "Softmax");
        return Record("Softmax", y, x, g =>
        {
            var gy = g * y;
            return gy - y * ReduceRaw(gy, ax, ReduceKind.Sum);
        });
    }

    /// <summary>Log-softmax along an axis: x - logsumexp(x).</summary>
    public Tensor<T> LogSoftmax(int axis = -1)
    {
        var x = this;
        var ax = NormalizeAxes("LogSoftmax", [axis]);
        var (shifted, _, sum) = ShiftedExp(x, ax);
        var y = Zip(new SubOp<T>(), shifted, Map(new LogOp<T>(), sum), "LogSoftmax");
        return Record("LogSoftmax", y, x, g => g - y.ExpRaw() * ReduceRaw(g, ax, ReduceKind.Sum));
    }

    /// <summary>Sums a broadcast tensor back to <paramref name="shape"/> (the adjoint of <see cref="BroadcastTo"/>).</summary>
    public Tensor<T> SumTo(params int[] shape)
    {
        if (Shape.AsSpan().SequenceEqual(shape)) return this;
        if (!Broadcasting.CanBroadcastTo(shape, Shape))
            throw new ArgumentException($"SumTo: shape {ShapeUtil.Format(shape)} does not broadcast to {ShapeUtil.Format(Shape)}.");
        int lead = Rank - shape.Length;
        var axes = new List<int>();
        for (int i = 0; i < Rank; i++)
            if (i < lead || (shape[i - lead] == 1 && Shape[i] != 1)) axes.Add(i);
        return Sum([.. axes], keepDims: true).Reshape(shape);
    }

    /// <summary>Repeats along broadcast axes to <paramref name="shape"/> (NumPy rules); the gradient sums back.</summary>
    public Tensor<T> BroadcastTo(params int[] shape)
    {
        if (!Broadcasting.CanBroadcastTo(Shape, shape))
            throw new ArgumentException($"BroadcastTo: shape {ShapeUtil.Format(Shape)} does not broadcast to {ShapeUtil.Format(shape)}.");
        var x = this;
        var y = Shape.AsSpan().SequenceEqual(shape) ? Detach() : BroadcastRaw(shape);
        return Record("BroadcastTo", y, x, g => g.SumTo(x.Shape));
    }

    // ---------------- raw kernels (no recording) ----------------

    private Tensor<T> ExpRaw() => Map(new ExpOp<T>(), this);

    internal Tensor<T> BroadcastRaw(int[] shape)
    {
        if (Shape.AsSpan().SequenceEqual(shape)) return this;
        var y = new Tensor<T>(shape);
        if (y.Size == 0) return y;
        if (Size == 1) { y.Data.AsSpan().Fill(Data[0]); return y; }
        int inner = shape[^1];
        var st = Broadcasting.Strides(Shape, shape);
        var offs = Broadcasting.RowOffsets(shape, st)[0];
        for (int r = 0; r < offs.Length; r++)
        {
            var dst = y.Data.AsSpan(r * inner, inner);
            if (st[^1] == 0) dst.Fill(Data[offs[r]]);
            else Data.AsSpan(offs[r], inner).CopyTo(dst);
        }
        return y;
    }

    private static Tensor<T> LogSumExpKeep(Tensor<T> x, int[] ax)
    {
        var (_, _, s, m) = ShiftedExpWithMax(x, ax);
        return Zip(new AddOp<T>(), m, Map(new LogOp<T>(), s), "LogSumExp");
    }

    private static (Tensor<T> Shifted, Tensor<T> Exp, Tensor<T> Sum) ShiftedExp(Tensor<T> x, int[] ax)
    {
        var (sh, e, s, _) = ShiftedExpWithMax(x, ax);
        return (sh, e, s);
    }

    /// <summary>m = max over axes (keepdims), x - m, exp(x - m) and its sum: the stable pieces of softmax and logsumexp.</summary>
    private static (Tensor<T> Shifted, Tensor<T> Exp, Tensor<T> Sum, Tensor<T> Max) ShiftedExpWithMax(Tensor<T> x, int[] ax)
    {
        var m = ReduceRaw(x, ax, ReduceKind.Max);
        // An all -inf slice would give -inf - -inf = NaN; shifting by 0 there yields log(0) = -inf, the right answer.
        for (int i = 0; i < m.Size; i++) if (!T.IsFinite(m.Data[i])) m.Data[i] = T.IsNaN(m.Data[i]) ? m.Data[i] : T.Zero;
        var shifted = Zip(new SubOp<T>(), x, m, "LogSumExp");
        var e = shifted.ExpRaw();
        return (shifted, e, ReduceRaw(e, ax, ReduceKind.Sum), m);
    }

    private static Tensor<T> ReduceRaw(Tensor<T> x, int[] axes, ReduceKind kind)
    {
        if (axes.Length == 0) return x.Clone();
        if (axes.Length == x.Rank && x.Size > 0)
        {
            var all = new Tensor<T>(Ones1(x.Rank));
            all.Data[0] = kind switch
            {
                ReduceKind.Sum => TensorPrimitives.Sum<T>(x.Data),
                ReduceKind.Max => TensorPrimitives.Max<T>(x.Data),
                _ => TensorPrimitives.Min<T>(x.Data),
            };
            return all;
        }
        var r = x;
        foreach (int a in axes) r = ReduceAxis(r, a, kind);
        return r;
    }

    private static int[] Ones1(int rank) { var s = new int[rank]; Array.Fill(s, 1); return s; }

    private static Tensor<T> ReduceAxis(Tensor<T> x, int axis, ReduceKind kind)
    {
        var shape = (int[])x.Shape.Clone();
        int len = shape[axis];
        shape[axis] = 1;
        var y = new Tensor<T>(shape);
        if (len == 1) { x.Data.CopyTo(y.Data, 0); return y; }
        if (len == 0)
        {
            if (kind != ReduceKind.Sum)
                throw new ArgumentException($"{kind}: cannot reduce an empty axis {axis} of shape {ShapeUtil.Format(x.Shape)}.");
            return y;
        }
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= x.Shape[i];
        for (int i = axis + 1; i < x.Rank; i++) inner *= x.Shape[i];
        T[] xd = x.Data, yd = y.Data;
        void Slab(int o)
        {
            if (inner == 1)
            {
                var row = new ReadOnlySpan<T>(xd, o * len, len);
                yd[o] = kind switch
                {
                    ReduceKind.Sum => TensorPrimitives.Sum(row),
                    ReduceKind.Max => TensorPrimitives.Max(row),
                    _ => TensorPrimitives.Min(row),
                };
                return;
            }
            var dst = new Span<T>(yd, o * inner, inner);
            new ReadOnlySpan<T>(xd, o * len * inner, inner).CopyTo(dst);
            for (int k = 1; k < len; k++)
            {
                var src = new ReadOnlySpan<T>(xd, (o * len + k) * inner, inner);
                switch (kind)
                {
                    case ReduceKind.Sum: Elementwise.Binary(new AddOp<T>(), dst, 1, src, 1, dst); break;
                    case ReduceKind.Max: Elementwise.Binary(new MaxOp<T>(), dst, 1, src, 1, dst); break;
                    default: Elementwise.Binary(new MinOp<T>(), dst, 1, src, 1, dst); break;
                }
            }
        }
        if (x.Size > Elementwise.ParallelThreshold && outer > 1) Parallel.For(0, outer, Slab);
        else for (int o = 0; o < outer; o++) Slab(o);
        return y;
    }

    private int[] AllAxes()
    {
        var a = new int[Rank];
        for (int i = 0; i < a.Length; i++) a[i] = i;
        return a;
    }

    /// <summary>Validates axes (negative counts from the end), rejects duplicates, returns them ascending.</summary>
    internal int[] NormalizeAxes(string op, int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var r = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            int a = axes[i] < 0 ? axes[i] + Rank : axes[i];
            if ((uint)a >= (uint)Rank)
                throw new ArgumentOutOfRangeException(nameof(axes), $"{op}: axis {axes[i]} is out of range for shape {ShapeUtil.Format(Shape)}.");
            r[i] = a;
        }
        Array.Sort(r);
        for (int i = 1; i < r.Length; i++)
            if (r[i] == r[i - 1]) throw new ArgumentException($"{op}: axis {r[i]} given twice.");
        return r;
    }

    private static int[] DropAxes(int[] shape, int[] sortedAxes)
    {
        var s = new List<int>(shape.Length);
        int k = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if (k < sortedAxes.Length && sortedAxes[k] == i) { k++; continue; }
            s.Add(shape[i]);
        }
        return [.. s];
    }
}
