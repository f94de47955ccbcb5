using System.Numerics;
using System.Runtime.CompilerServices;
using BrainSharp.Random;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Gaussian surrogate: the normal density of width σ (area 1).
/// <code>
/// P(x) = Φ(x/σ) = (1 + erf(x / (σ√2))) / 2
/// D(x) = exp(−x²/(2σ²)) / (σ√(2π)),   D(0) = 1/(σ√(2π))
/// </code>
/// Source: Yin, Corradi &amp; Bohté (2021), "Accurate and efficient time-domain classification with adaptive spiking
/// recurrent neural networks", Nat. Mach. Intell. 3:905-913 (their single-Gaussian baseline, σ = 0.5).
/// Sharpness is 1/σ: smaller σ, sharper surrogate.
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class GaussianSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Width σ (unit of x), &gt; 0.</summary>
    public double Sigma { get; }

    /// <param name="sigma">Width σ (unit of x), &gt; 0; default 0.5.</param>
    public GaussianSurrogate(double sigma = 0.5)
    {
        Sigma = SurrogateKernel.Positive(nameof(GaussianSurrogate), nameof(sigma), sigma);
        _op = new Op(Sigma);
    }

    /// <inheritdoc/>
    public string Name => $"Gaussian(sigma={SurrogateKernel.F(Sigma)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return 0.5 * (1 + SpecialFunctions.Erf(x / (Sigma * Math.Sqrt(2))));
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(GaussianSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(GaussianSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(GaussianSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(GaussianSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double sigma) : ISurrogateOp
    {
        private readonly double inv = 1 / sigma;
        private readonly double peak = 1 / (sigma * Math.Sqrt(2 * Math.PI));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T z = x * C<T>(inv);
            return C<T>(peak) * T.Exp(-z * z * C<T>(0.5));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> z = x * V<T>(inv);
            return V<T>(peak) * VExp(-z * z * V<T>(0.5));
        }
    }
}
