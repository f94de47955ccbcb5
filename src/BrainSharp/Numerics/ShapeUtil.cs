namespace BrainSharp.Numerics;

/// <summary>Shape arithmetic shared by tensors and kernels.</summary>
public static class ShapeUtil
{
    /// <summary>Product of the extents; throws naming <paramref name="what"/> on a negative extent or overflow.</summary>
    public static long Product(ReadOnlySpan<int> shape, string what)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"{what}: negative extent {d} in shape {Format(shape)}.");
            n *= d;
            if (n > int.MaxValue) throw new ArgumentException($"{what}: shape {Format(shape)} has more than {int.MaxValue} elements.");
        }
        return n;
    }

    /// <summary>Row-major strides (in elements).</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var s = new int[shape.Length];
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]; }
        return s;
    }

    /// <summary>Flat offset of a full index; throws on a wrong rank or an out-of-range index.</summary>
    public static int Offset(ReadOnlySpan<int> shape, ReadOnlySpan<int> index)
    {
        if (index.Length != shape.Length)
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of shape {Format(shape)}.");
        int off = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i])
                throw new IndexOutOfRangeException($"Index {index[i]} out of range for axis {i} of shape {Format(shape)}.");
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /// <summary>Formats a shape as [a, b, c].</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
