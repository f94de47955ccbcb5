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
            T[] xd = x.Data, gd = g.Data, dd = d.Data;
            for (int i = 0; i < dd.Length; i++)
                dd[i] = gd[i] * T.CreateTruncating(surrogate.Derivative(double.CreateTruncating(xd[i])));
            return d;
        });
    }
}
