namespace BrainSharp.Numerics;

// Index operations, viewed as [outer, axis, inner]. IndexSelect/IndexAdd pick or accumulate whole
// slices; Gather/ScatterAdd (torch semantics) pick or accumulate one element per index entry.
// Each pair is the other's adjoint, which is how their gradients are computed.
public sealed partial class Tensor<T>
{
    /// <summary>Slices at <paramref name="indices"/> along an axis: result extent along the axis is indices.Length.</summary>
    public Tensor<T> IndexSelect(int axis, int[] indices)
    {
        int a = NormalizeAxes("IndexSelect", [axis])[0];
        CheckIndices("IndexSelect", indices, Shape[a], axis);
        var x = this;
        var idx = (int[])indices.Clone();
        return Record("IndexSelect", IndexSelectRaw(a, idx), x, g =>
        {
            var dx = new Tensor<T>(x.Shape);
            IndexAddInto(dx, a, idx, g);
            return dx;
        });
    }

    /// <summary>this with src's slices added at <paramref name="indices"/> along an axis (repeated indices accumulate).</summary>
    public Tensor<T> IndexAdd(int axis, int[] indices, Tensor<T> src)
    {
        int a = NormalizeAxes("IndexAdd", [axis])[0];
        CheckIndices("IndexAdd", indices, Shape[a], axis);
        var expect = (int[])Shape.Clone();
        expect[a] = indices.Length;
        if (!src.Shape.AsSpan().SequenceEqual(expect))
            throw new ArgumentException($"IndexAdd: source shape {ShapeUtil.Format(src.Shape)} should be {ShapeUtil.Format(expect)} for {indices.Length} indices into shape {ShapeUtil.Format(Shape)}.");
        var idx = (int[])indices.Clone();
        var y = Clone();
        IndexAddInto(y, a, idx, src);
        return Record("IndexAdd", y, this, src, g => g, g => g.IndexSelectRaw(a, idx));
    }

    /// <summary>
    /// result[..., k, ...] = this[..., index[..., k, ...], ...] along an axis (torch.gather). The index has shape
    /// <paramref name="indexShape"/>, equal to this shape except along the axis; the result has that shape.
    /// </summary>
    public Tensor<T> Gather(int axis, int[] index, int[] indexShape)
    {
        int a = NormalizeAxes("Gather", [axis])[0];
        CheckScatterShapes("Gather", a, index, indexShape);
        CheckIndices("Gather", index, Shape[a], axis);
        var x = this;
        var idx = (int[])index.Clone();
        var ish = (int[])indexShape.Clone();
        return Record("Gather", GatherRaw(a, idx, ish), x, g =>
        {
            var dx = new Tensor<T>(x.Shape);
            ScatterAddInto(dx, a, idx, ish, g);
            return dx;
        });
    }

    /// <summary>this with src[..., k, ...] added at [..., index[..., k, ...], ...] along an axis (torch.scatter_add); src has shape indexShape.</summary>
    public Tensor<T> ScatterAdd(int axis, int[] index, int[] indexShape, Tensor<T> src)
    {
        int a = NormalizeAxes("ScatterAdd", [axis])[0];
        CheckScatterShapes("ScatterAdd", a, index, indexShape);
        CheckIndices("ScatterAdd", index, Shape[a], axis);
        if (!src.Shape.AsSpan().SequenceEqual(indexShape))
            throw new ArgumentException($"ScatterAdd: source shape {ShapeUtil.Format(src.Shape)} differs from index shape {ShapeUtil.Format(indexShape)}.");
        var idx = (int[])index.Clone();
        var ish = (int[])indexShape.Clone();
        var y = Clone();
        ScatterAddInto(y, a, idx, ish, src);
        return Record("ScatterAdd", y, this, src, g => g, g => g.GatherRaw(a, idx, ish));
    }

    private Tensor<T> IndexSelectRaw(int a, int[] idx)
    {
        var shape = (int[])Shape.Clone();
        shape[a] = idx.Length;
        var y = new Tensor<T>(shape);
        (int outer, int len, int inner) = Split(Shape, a);
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < idx.Length; k++)
                Array.Copy(Data, (o * len + idx[k]) * inner, y.Data, (o * idx.Length + k) * inner, inner);
        return y;
    }

    private static void IndexAddInto(Tensor<T> dst, int a, int[] idx, Tensor<T> src)
    {
        (int outer, int len, int inner) = Split(dst.Shape, a);
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < idx.Length; k++)
            {
                var d = dst.Data.AsSpan((o * len + idx[k]) * inner, inner);
                var s = new ReadOnlySpan<T>(src.Data, (o * idx.Length + k) * inner, inner);
                Operators.Elementwise.Binary(new Operators.AddOp<T>(), d, 1, s, 1, d);
            }
    }

    private Tensor<T> GatherRaw(int a, int[] idx, int[] ish)
    {
        var y = new Tensor<T>(ish);
        (int outer, int len, int inner) = Split(Shape, a);
        int m = ish[a];
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < m; k++)
                for (int j = 0; j < inner; j++)
                {
                    int p = (o * m + k) * inner + j;
                    y.Data[p] = Data[(o * len + idx[p]) * inner + j];
                }
        return y;
    }

    private static void ScatterAddInto(Tensor<T> dst, int a, int[] idx, int[] ish, Tensor<T> src)
    {
        (int outer, int len, int inner) = Split(dst.Shape, a);
        int m = ish[a];
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < m; k++)
                for (int j = 0; j < inner; j++)
                {
                    int p = (o * m + k) * inner + j;
                    dst.Data[(o * len + idx[p]) * inner + j] += src.Data[p];
                }
    }

    private void CheckScatterShapes(string op, int a, int[] index, int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(indexShape);
        bool ok = indexShape.Length == Rank;
        for (int i = 0; ok && i < Rank; i++) ok = i == a || indexShape[i] == Shape[i];
        if (!ok || ShapeUtil.Product(indexShape, op) != index.Length)
            throw new ArgumentException($"{op}: index shape {ShapeUtil.Format(indexShape)} ({index.Length} entries) must match shape {ShapeUtil.Format(Shape)} outside axis {a}.");
    }

    private static void CheckIndices(string op, int[] indices, int extent, int axis)
    {
        ArgumentNullException.ThrowIfNull(indices);
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)extent)
                throw new ArgumentOutOfRangeException(nameof(indices), $"{op}: index {indices[i]} at position {i} is outside [0, {extent}) for axis {axis}.");
    }

    private static (int Outer, int Len, int Inner) Split(int[] shape, int a)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= shape[i];
        for (int i = a + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[a], inner);
    }
}
