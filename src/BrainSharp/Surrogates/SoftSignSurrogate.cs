using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Soft-sign surrogate (area 1); <see cref="FastSigmoidSurrogate"/> is the same shape with peak 1.
/// <code>
/// P(x) = (αx / (1 + |αx|) + 1) / 2
/// D(x) = α / (2·(1 + |αx|)²),   D(0) = α/2
/// </code>
/// Source: SpikingJelly surrogate.SoftSign (default α = 2), after the fast sigmoid of Zenke &amp; Ganguli (2018).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class SoftSignSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0.</summary>
    public double Alpha { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; default 2.0.</param>
    public SoftSignSurrogate(double alpha = 2.0)
    {
        Alpha = SurrogateKernel.Positive(nameof(SoftSignSurrogate), nameof(alpha), alpha);
        _op = new Op(Alpha);
    }

    /// <inheritdoc/>
    public string Name => $"SoftSign(alpha={SurrogateKernel.F(Alpha)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        double ax = Alpha * x;
        return (ax / (1 + Math.Abs(ax)) + 1) / 2;
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(SoftSignSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(SoftSignSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(SoftSignSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(SoftSignSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double alpha) : ISurrogateOp
    {
        private readonly double a = alpha;
        private readonly double half = alpha / 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T d = T.One + C<T>(a) * T.Abs(x);
            return C<T>(half) / (d * d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> d = Vector<T>.One + V<T>(a) * Vector.Abs(x);
            return V<T>(half) / (d * d);
        }
    }
}
