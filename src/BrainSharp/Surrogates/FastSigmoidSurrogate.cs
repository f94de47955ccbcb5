using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Fast sigmoid, the SuperSpike surrogate (inverse square).
/// <code>
/// P(x) = 1/β + x / (1 + β|x|)
/// D(x) = 1 / (1 + β|x|)²,   D(0) = 1
/// </code>
/// Source: Zenke &amp; Ganguli (2018), "SuperSpike: supervised learning in multilayer spiking neural networks",
/// Neural Comput. 30:1514-1541 (β = 10 per unit of x there; snnTorch's fast_sigmoid uses slope 25).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class FastSigmoidSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness β (per unit of x), &gt; 0.</summary>
    public double Beta { get; }

    /// <param name="beta">Sharpness β (per unit of x), &gt; 0; default 10.0.</param>
    public FastSigmoidSurrogate(double beta = 10.0)
    {
        Beta = SurrogateKernel.Positive(nameof(FastSigmoidSurrogate), nameof(beta), beta);
        _op = new Op(Beta);
    }

    /// <inheritdoc/>
    public string Name => $"FastSigmoid(beta={SurrogateKernel.F(Beta)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return 1 / Beta + x / (1 + Beta * Math.Abs(x));
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(FastSigmoidSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(FastSigmoidSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(FastSigmoidSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(FastSigmoidSurrogate));

    // Constants are folded once here so the per-element path is only the formula. Internal: SpikeFunction evaluates it per element.
    internal readonly struct Op(double beta) : ISurrogateOp
    {
        private readonly double b = beta;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T d = T.One + C<T>(b) * T.Abs(x);
            return T.One / (d * d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> d = Vector<T>.One + V<T>(b) * Vector.Abs(x);
            return Vector<T>.One / (d * d);
        }
    }
}
