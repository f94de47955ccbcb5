using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Arctangent surrogate.
/// <code>
/// P(x) = arctan(π/2·αx)/π + 1/2
/// D(x) = (α/2) / (1 + (π/2·αx)²),   D(0) = α/2
/// </code>
/// Source: Fang et al. (2021), "Incorporating learnable membrane time constant to enhance learning of spiking
/// neural networks", ICCV; SpikingJelly surrogate.ATan (default α = 2).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class ArctanSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0.</summary>
    public double Alpha { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; default 2.0.</param>
    public ArctanSurrogate(double alpha = 2.0)
    {
        Alpha = SurrogateKernel.Positive(nameof(ArctanSurrogate), nameof(alpha), alpha);
        _op = new Op(Alpha);
    }

    /// <inheritdoc/>
    public string Name => $"Arctan(alpha={SurrogateKernel.F(Alpha)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return Math.Atan(Math.PI / 2 * Alpha * x) / Math.PI + 0.5;
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(ArctanSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(ArctanSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(ArctanSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(ArctanSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double alpha) : ISurrogateOp
    {
        private readonly double k = Math.PI / 2 * alpha;
        private readonly double half = alpha / 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T z = C<T>(k) * x;
            return C<T>(half) / (T.One + z * z);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> z = V<T>(k) * x;
            return V<T>(half) / (Vector<T>.One + z * z);
        }
    }
}
