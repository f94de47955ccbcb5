using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Triangle (ReLU-style) pseudo-derivative with a dampening factor.
/// <code>
/// D(x) = γ·max(0, 1 − α|x|),   D(0) = γ
/// P(x) = 0 (x &lt; −1/α);  γ·(x − αx|x|/2 + 1/(2α)) (|x| ≤ 1/α);  γ/α (x &gt; 1/α)
/// </code>
/// Source: Bellec et al. (2018), "Long short-term memory and learning-to-learn in networks of spiking neurons",
/// NeurIPS (γ = 0.3, x = (v − θ)/θ). With γ = α this is <see cref="PiecewiseQuadraticSurrogate"/>.
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class TriangleSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0; the support is |x| &lt; 1/α.</summary>
    public double Alpha { get; }

    /// <summary>Height γ at x = 0, &gt; 0.</summary>
    public double Dampening { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; the support is |x| &lt; 1/α; default 1.0.</param>
    /// <param name="dampening">Height γ at x = 0, &gt; 0; default 0.3.</param>
    public TriangleSurrogate(double alpha = 1.0, double dampening = 0.3)
    {
        Alpha = SurrogateKernel.Positive(nameof(TriangleSurrogate), nameof(alpha), alpha);
        Dampening = SurrogateKernel.Positive(nameof(TriangleSurrogate), nameof(dampening), dampening);
        _op = new Op(Alpha, Dampening);
    }

    /// <inheritdoc/>
    public string Name => $"Triangle(alpha={SurrogateKernel.F(Alpha)}, dampening={SurrogateKernel.F(Dampening)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        double w = 1.0 / Alpha;
        if (x < -w) return 0;
        if (x > w) return Dampening * w;
        return Dampening * (x - Alpha * x * Math.Abs(x) / 2 + w / 2);
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(TriangleSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(TriangleSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(TriangleSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(TriangleSurrogate));

    // Constants are folded once here so the per-element path is only the formula. Internal: SpikeFunction evaluates it per element.
    internal readonly struct Op(double alpha, double dampening) : ISurrogateOp
    {
        private readonly double g = dampening;
        private readonly double a = alpha;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return C<T>(g) * T.Max(T.Zero, T.One - C<T>(a) * T.Abs(x));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return V<T>(g) * Vector.Max(Vector<T>.Zero, Vector<T>.One - V<T>(a) * Vector.Abs(x));
        }
    }
}
