using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Straight-through estimator: the gradient passes through the step unchanged (times a scale).
/// <code>
/// D(x) = s,   P(x) = s·x
/// </code>
/// Source: Bengio, Léonard &amp; Courville (2013), "Estimating or propagating gradients through stochastic neurons
/// for conditional computation", arXiv:1308.3432. It has no sharpness; its parameter is the scale s (default 1).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class StraightThroughSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Gradient scale s, &gt; 0.</summary>
    public double Scale { get; }

    /// <param name="scale">Gradient scale s, &gt; 0; default 1.0.</param>
    public StraightThroughSurrogate(double scale = 1.0)
    {
        Scale = SurrogateKernel.Positive(nameof(StraightThroughSurrogate), nameof(scale), scale);
        _op = new Op(Scale);
    }

    /// <inheritdoc/>
    public string Name => $"StraightThrough(scale={SurrogateKernel.F(Scale)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return Scale * x;
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(StraightThroughSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(StraightThroughSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(StraightThroughSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(StraightThroughSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double scale) : ISurrogateOp
    {
        private readonly double s = scale;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return C<T>(s);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return V<T>(s);
        }
    }
}
