using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Sigmoid surrogate: the derivative of the logistic function of αx.
/// <code>
/// P(x) = σ(αx) = 1 / (1 + e^(−αx))
/// D(x) = α·σ(αx)·(1 − σ(αx)) = α·e^(−α|x|) / (1 + e^(−α|x|))²,   D(0) = α/4
/// </code>
/// Sources: Neftci, Mostafa &amp; Zenke (2019), IEEE Signal Process. Mag. 36:51-63; Zenke &amp; Vogels (2021),
/// Neural Comput. 33:899-925; SpikingJelly surrogate.Sigmoid (default α = 4).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class SigmoidSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0.</summary>
    public double Alpha { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; default 4.0.</param>
    public SigmoidSurrogate(double alpha = 4.0)
    {
        Alpha = SurrogateKernel.Positive(nameof(SigmoidSurrogate), nameof(alpha), alpha);
        _op = new Op(Alpha);
    }

    /// <inheritdoc/>
    public string Name => $"Sigmoid(alpha={SurrogateKernel.F(Alpha)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        double ax = Alpha * x;
        return ax >= 0 ? 1.0 / (1.0 + Math.Exp(-ax)) : Math.Exp(ax) / (1.0 + Math.Exp(ax));
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(SigmoidSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(SigmoidSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(SigmoidSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(SigmoidSurrogate));

    // Constants are folded once here so the per-element path is only the formula. Internal: SpikeFunction evaluates it per element.
    internal readonly struct Op(double alpha) : ISurrogateOp
    {
        private readonly double a = alpha;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T e = T.Exp(-C<T>(a) * T.Abs(x));
            T d = T.One + e;
            return C<T>(a) * e / (d * d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> e = VExp(-V<T>(a) * Vector.Abs(x));
            Vector<T> d = Vector<T>.One + e;
            return V<T>(a) * e / (d * d);
        }
    }
}
