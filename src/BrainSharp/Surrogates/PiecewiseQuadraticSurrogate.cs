using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Piecewise quadratic surrogate: a quadratic primitive whose derivative is a triangle of half-width 1/α and height α
/// (area 1); compare <see cref="TriangleSurrogate"/>, the same shape with a free height.
/// <code>
/// P(x) = 0 (x &lt; −1/α);  −α²x|x|/2 + αx + 1/2 (|x| ≤ 1/α);  1 (x &gt; 1/α)
/// D(x) = α − α²|x| for |x| ≤ 1/α, else 0,   D(0) = α
/// </code>
/// Source: Esser et al. (2016), "Convolutional networks for fast, energy-efficient neuromorphic computing", PNAS
/// 113:11441-11446; SpikingJelly surrogate.PiecewiseQuadratic (default α = 1).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class PiecewiseQuadraticSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0; the support is |x| ≤ 1/α.</summary>
    public double Alpha { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; the support is |x| ≤ 1/α; default 1.0.</param>
    public PiecewiseQuadraticSurrogate(double alpha = 1.0)
    {
        Alpha = SurrogateKernel.Positive(nameof(PiecewiseQuadraticSurrogate), nameof(alpha), alpha);
        _op = new Op(Alpha);
    }

    /// <inheritdoc/>
    public string Name => $"PiecewiseQuadratic(alpha={SurrogateKernel.F(Alpha)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        double w = 1.0 / Alpha;
        if (x < -w) return 0;
        if (x > w) return 1;
        return -Alpha * Alpha * x * Math.Abs(x) / 2 + Alpha * x + 0.5;
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(PiecewiseQuadraticSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(PiecewiseQuadraticSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(PiecewiseQuadraticSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(PiecewiseQuadraticSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double alpha) : ISurrogateOp
    {
        private readonly double a = alpha;
        private readonly double a2 = alpha * alpha;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return T.Max(T.Zero, C<T>(a) - C<T>(a2) * T.Abs(x));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return Vector.Max(Vector<T>.Zero, V<T>(a) - V<T>(a2) * Vector.Abs(x));
        }
    }
}
