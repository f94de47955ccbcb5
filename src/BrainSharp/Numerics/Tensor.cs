using System.Numerics;

namespace BrainSharp.Numerics;

/// <summary>
/// A dense, contiguous, row-major n-dimensional array of float32 or float64.
/// Storage is always contiguous: view-like operations (permute, slice) copy. That keeps every
/// kernel a flat loop over a span, which is what the SIMD drivers and the autodiff tape want.
/// This file holds the data structure only; operations live in partial files beside it.
/// </summary>
public sealed partial class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The elements, row-major; length equals <see cref="Size"/>.</summary>
    public T[] Data { get; }

    /// <summary>The extent of each axis.</summary>
    public int[] Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Size => Data.Length;

    /// <summary>Number of axes.</summary>
    public int Rank => Shape.Length;

    /// <summary>Wraps existing storage (no copy). The shape's product must equal the data length.</summary>
    public Tensor(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long n = ShapeUtil.Product(shape, nameof(Tensor<T>));
        if (n != data.Length)
            throw new ArgumentException($"Tensor: data length {data.Length} does not match shape {ShapeUtil.Format(shape)} ({n} elements).");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public Tensor(params int[] shape) : this(new T[ShapeUtil.Product(shape, nameof(Tensor<T>))], shape) { }

    /// <summary>Elements as a span (row-major).</summary>
    public Span<T> Span => Data;

    /// <summary>Row-major strides in elements.</summary>
    public int[] Strides => ShapeUtil.Strides(Shape);

    /// <summary>Element access by full index.</summary>
    public T this[params int[] index]
    {
        get => Data[ShapeUtil.Offset(Shape, index)];
        set => Data[ShapeUtil.Offset(Shape, index)] = value;
    }

    public override string ToString() => $"Tensor<{typeof(T).Name}>{ShapeUtil.Format(Shape)}";
}
