using System.Runtime.InteropServices;
using BrainSharp.Numerics.Operators;
using BrainSharp.Surrogates;

namespace BrainSharp.Numerics;

// The surrogate-gradient spike: Heaviside forward, surrogate pseudo-derivative backward.
public sealed partial class Tensor<T>
{
    /// <summary>
    /// Spike(x) = 1 where x &gt; 0 else 0 (x = v - threshold, dimensionless or mV); the backward pass uses
    /// upstream * surrogate.Derivative(x) in place of the Heaviside's zero-almost-everywhere derivative.
    /// </summary>
    public Tensor<T> Spike(ISurrogate surrogate)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        var x = this;
        return Record("Spike", Map(new HeavisideOp<T>(), x), x, g =>
        {
            var d = new Tensor<T>(x.Shape);
            // The surrogate's span kernel: built-in surrogates run an inlined loop, not a call per element.
            if (typeof(T) == typeof(double))
                surrogate.Backward(MemoryMarshal.Cast<T, double>(x.Data), MemoryMarshal.Cast<T, double>(g.Data), MemoryMarshal.Cast<T, double>(d.Data.AsSpan()));
            else if (typeof(T) == typeof(float))
                surrogate.Backward(MemoryMarshal.Cast<T, float>(x.Data), MemoryMarshal.Cast<T, float>(g.Data), MemoryMarshal.Cast<T, float>(d.Data.AsSpan()));
            else
                for (int i = 0; i < d.Size; i++)
                    d.Data[i] = g.Data[i] * T.CreateTruncating(surrogate.Derivative(double.CreateTruncating(x.Data[i])));
            return d;
        });
    }
}
