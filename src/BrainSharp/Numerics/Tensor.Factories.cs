namespace BrainSharp.Numerics;

// Factory methods. All allocate fresh contiguous storage except the constructor that wraps an array.
public sealed partial class Tensor<T>
{
    /// <summary>A zero-filled tensor.</summary>
    public static Tensor<T> Zeros(params int[] shape) => new(shape);

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        t.Data.AsSpan().Fill(value);
        return t;
    }

    /// <summary>A zero-dimensional (shape []) tensor holding one value.</summary>
    public static Tensor<T> Scalar(T value) => new([value]);

    /// <summary>Copies <paramref name="data"/> into a new tensor of the given shape (a 1-D tensor when no shape is given).</summary>
    public static Tensor<T> FromArray(ReadOnlySpan<T> data, params int[] shape)
        => new(data.ToArray(), shape.Length == 0 ? [data.Length] : shape);

    /// <summary>Converts doubles into a new tensor of the given shape (a 1-D tensor when no shape is given).</summary>
    public static Tensor<T> FromDoubles(ReadOnlySpan<double> data, params int[] shape)
    {
        var a = new T[data.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateChecked(data[i]);
        return new(a, shape.Length == 0 ? [data.Length] : shape);
    }

    /// <summary>A tensor with the same shape as <paramref name="like"/>, filled with zeros.</summary>
    public static Tensor<T> ZerosLike(Tensor<T> like) => new(like.Shape);

    /// <summary>start, start+step, ... up to but excluding stop (1-D).</summary>
    public static Tensor<T> Arange(T start, T stop, T step)
    {
        if (step == T.Zero || T.IsNaN(step)) throw new ArgumentException($"Arange: step must be nonzero, got {step}.");
        double n = Math.Ceiling(double.CreateChecked((stop - start) / step));
        int len = n > 0 ? checked((int)n) : 0;
        var a = new T[len];
        for (int i = 0; i < len; i++) a[i] = start + T.CreateChecked(i) * step;
        return new(a, len);
    }

    /// <summary>0, 1, ..., n-1 (1-D).</summary>
    public static Tensor<T> Arange(int n)
    {
        if (n < 0) throw new ArgumentException($"Arange: length must be non-negative, got {n}.");
        return Arange(T.Zero, T.CreateChecked(n), T.One);
    }

    /// <summary><paramref name="count"/> evenly spaced values from start to stop inclusive (1-D).</summary>
    public static Tensor<T> Linspace(T start, T stop, int count)
    {
        if (count < 1) throw new ArgumentException($"Linspace: count must be at least 1, got {count}.");
        var a = new T[count];
        for (int i = 0; i < count; i++)
            a[i] = count == 1 ? start : start + (stop - start) * T.CreateChecked(i) / T.CreateChecked(count - 1);
        return new(a, count);
    }

    /// <summary>The n×n identity matrix.</summary>
    public static Tensor<T> Eye(int n)
    {
        var t = new Tensor<T>(n, n);
        for (int i = 0; i < n; i++) t.Data[i * n + i] = T.One;
        return t;
    }

    /// <summary>One-hot rows: result[i, labels[i]] = 1, shape [labels.Length, classes].</summary>
    public static Tensor<T> OneHot(ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 1) throw new ArgumentException($"OneHot: classes must be at least 1, got {classes}.");
        var t = new Tensor<T>(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"OneHot: label {labels[i]} at position {i} is outside [0, {classes}).");
            t.Data[i * classes + labels[i]] = T.One;
        }
        return t;
    }

    /// <summary>Standard-normal samples from a counter-based stream (same seed, same values).</summary>
    public static Tensor<T> RandomNormal(ulong seed, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        var rng = new BrainSharp.Random.RandomStream(seed);
        for (int i = 0; i < t.Size; i++) t.Data[i] = T.CreateChecked(rng.NextNormal());
        return t;
    }

    /// <summary>Uniform samples in [lo, hi) from a counter-based stream.</summary>
    public static Tensor<T> RandomUniform(ulong seed, T lo, T hi, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        var rng = new BrainSharp.Random.RandomStream(seed);
        for (int i = 0; i < t.Size; i++) t.Data[i] = lo + (hi - lo) * T.CreateChecked(rng.NextDouble());
        return t;
    }

    /// <summary>A copy with fresh storage, untracked.</summary>
    public Tensor<T> Clone() => new((T[])Data.Clone(), Shape);

    /// <summary>The single value of a one-element tensor.</summary>
    public T ToScalar()
    {
        if (Size != 1) throw new InvalidOperationException($"ToScalar: tensor of shape {ShapeUtil.Format(Shape)} has {Size} elements, not one.");
        return Data[0];
    }
}
