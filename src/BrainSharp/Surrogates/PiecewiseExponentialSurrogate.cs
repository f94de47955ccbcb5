using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Piecewise exponential surrogate: a Laplace density (area 1).
/// <code>
/// P(x) = e^(αx)/2 (x &lt; 0);  1 − e^(−αx)/2 (x ≥ 0)
/// D(x) = (α/2)·e^(−α|x|),   D(0) = α/2
/// </code>
/// Sources: Neftci, Mostafa &amp; Zenke (2019), IEEE Signal Process. Mag. 36:51-63; SpikingJelly surrogate.PiecewiseExp
/// (default α = 1). <see cref="SlayerExponentialSurrogate"/> is the same shape with a free amplitude.
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class PiecewiseExponentialSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0.</summary>
    public double Alpha { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; default 1.0.</param>
    public PiecewiseExponentialSurrogate(double alpha = 1.0)
    {
        Alpha = SurrogateKernel.Positive(nameof(PiecewiseExponentialSurrogate), nameof(alpha), alpha);
        _op = new Op(Alpha);
    }

    /// <inheritdoc/>
    public string Name => $"PiecewiseExponential(alpha={SurrogateKernel.F(Alpha)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return x < 0 ? Math.Exp(Alpha * x) / 2 : 1 - Math.Exp(-Alpha * x) / 2;
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(PiecewiseExponentialSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(PiecewiseExponentialSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(PiecewiseExponentialSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(PiecewiseExponentialSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double alpha) : ISurrogateOp
    {
        private readonly double a = alpha;
        private readonly double half = alpha / 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return C<T>(half) * T.Exp(-C<T>(a) * T.Abs(x));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return V<T>(half) * VExp(-V<T>(a) * Vector.Abs(x));
        }
    }
}
