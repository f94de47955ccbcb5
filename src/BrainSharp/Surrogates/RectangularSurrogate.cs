using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Rectangular (box) surrogate of width a and area 1.
/// <code>
/// D(x) = 1/a for |x| &lt; a/2, else 0,   D(0) = 1/a
/// P(x) = clamp(x/a + 1/2, 0, 1)
/// </code>
/// Source: Wu et al. (2018), "Spatio-temporal backpropagation for training high-performance spiking neural
/// networks", Front. Neurosci. 12:331 (their h1 curve). Sharpness is 1/a.
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class RectangularSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Width a of the box (unit of x), &gt; 0.</summary>
    public double Width { get; }

    /// <param name="width">Width a of the box (unit of x), &gt; 0; default 1.0.</param>
    public RectangularSurrogate(double width = 1.0)
    {
        Width = SurrogateKernel.Positive(nameof(RectangularSurrogate), nameof(width), width);
        _op = new Op(Width);
    }

    /// <inheritdoc/>
    public string Name => $"Rectangular(width={SurrogateKernel.F(Width)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return Math.Clamp(x / Width + 0.5, 0.0, 1.0);
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(RectangularSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(RectangularSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(RectangularSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(RectangularSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double width) : ISurrogateOp
    {
        private readonly double half = width / 2;
        private readonly double height = 1 / width;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return T.Abs(x) < C<T>(half) ? C<T>(height) : T.Zero;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(x), V<T>(half)), V<T>(height), Vector<T>.Zero);
        }
    }
}
