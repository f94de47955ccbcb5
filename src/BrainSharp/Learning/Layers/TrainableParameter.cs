using System.Numerics;

namespace BrainSharp.Learning.Layers;

/// <summary>A named parameter array and its gradient accumulator (same length, same layout).</summary>
public sealed class TrainableParameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Name used in checkpoints and error messages, e.g. "w_rec".</summary>
    public string Name { get; }
    /// <summary>Values, row-major with <see cref="Shape"/>.</summary>
    public T[] Value { get; }
    /// <summary>Accumulated gradient dL/dValue.</summary>
    public T[] Grad { get; }
    /// <summary>Logical shape.</summary>
    public int[] Shape { get; }

    /// <summary>Creates a zero-gradient parameter over <paramref name="value"/> (no copy).</summary>
    public TrainableParameter(string name, T[] value, params int[] shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        if (n != value.Length) throw new ArgumentException($"TrainableParameter '{name}': length {value.Length} does not match shape [{string.Join(",", shape)}].");
        Name = name; Value = value; Grad = new T[value.Length]; Shape = (int[])shape.Clone();
    }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Array.Clear(Grad);
}
