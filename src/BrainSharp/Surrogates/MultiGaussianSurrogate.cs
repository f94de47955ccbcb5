using System.Numerics;
using System.Runtime.CompilerServices;
using BrainSharp.Random;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Multi-Gaussian surrogate: a narrow positive Gaussian flanked by two wide negative ones, so the gradient
/// is slightly negative far from threshold.
/// <code>
/// D(x) = γ·[(1 + h)·N(x; 0, σ) − h·N(x; σ, sσ) − h·N(x; −σ, sσ)],   N(x; μ, s) = exp(−(x−μ)²/(2s²)) / (s√(2π))
/// P(x) = γ·[(1 + h)·Φ(x/σ) − h·Φ((x − σ)/(sσ)) − h·Φ((x + σ)/(sσ))]
/// </code>
/// Source: Yin, Corradi &amp; Bohté (2021), Nat. Mach. Intell. 3:905-913, and their code
/// (github.com/byin-cwi/Efficient-spiking-networks): σ = 0.5, h = 0.15, s = 6, γ = 0.5.
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class MultiGaussianSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Width σ of the central Gaussian (unit of x), &gt; 0.</summary>
    public double Sigma { get; }

    /// <summary>Relative height h of the negative side lobes, ≥ 0.</summary>
    public double Height { get; }

    /// <summary>Width ratio s of the side lobes to the centre, &gt; 0.</summary>
    public double Scale { get; }

    /// <summary>Overall gradient scale γ, &gt; 0.</summary>
    public double Gamma { get; }

    /// <param name="sigma">Width σ of the central Gaussian (unit of x), &gt; 0; default 0.5.</param>
    /// <param name="height">Relative height h of the negative side lobes, ≥ 0; default 0.15.</param>
    /// <param name="scale">Width ratio s of the side lobes to the centre, &gt; 0; default 6.0.</param>
    /// <param name="gamma">Overall gradient scale γ, &gt; 0; default 0.5.</param>
    public MultiGaussianSurrogate(double sigma = 0.5, double height = 0.15, double scale = 6.0, double gamma = 0.5)
    {
        Sigma = SurrogateKernel.Positive(nameof(MultiGaussianSurrogate), nameof(sigma), sigma);
        Height = SurrogateKernel.NonNegative(nameof(MultiGaussianSurrogate), nameof(height), height);
        Scale = SurrogateKernel.Positive(nameof(MultiGaussianSurrogate), nameof(scale), scale);
        Gamma = SurrogateKernel.Positive(nameof(MultiGaussianSurrogate), nameof(gamma), gamma);
        _op = new Op(Sigma, Height, Scale, Gamma);
    }

    /// <inheritdoc/>
    public string Name => $"MultiGaussian(sigma={SurrogateKernel.F(Sigma)}, height={SurrogateKernel.F(Height)}, scale={SurrogateKernel.F(Scale)}, gamma={SurrogateKernel.F(Gamma)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        static double Phi(double z) => 0.5 * (1 + SpecialFunctions.Erf(z / Math.Sqrt(2)));
        double w = Scale * Sigma;
        return Gamma * ((1 + Height) * Phi(x / Sigma) - Height * Phi((x - Sigma) / w) - Height * Phi((x + Sigma) / w));
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(MultiGaussianSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(MultiGaussianSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(MultiGaussianSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(MultiGaussianSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double sigma, double height, double scale, double gamma) : ISurrogateOp
    {
        private readonly double s = sigma;
        private readonly double invS = 1 / sigma;
        private readonly double invW = 1 / (scale * sigma);
        private readonly double c0 = gamma * (1 + height) / (sigma * Math.Sqrt(2 * Math.PI));
        private readonly double c1 = gamma * height / (scale * sigma * Math.Sqrt(2 * Math.PI));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T sg = C<T>(s), half = C<T>(0.5);
            T z0 = x * C<T>(invS), zp = (x - sg) * C<T>(invW), zm = (x + sg) * C<T>(invW);
            return C<T>(c0) * T.Exp(-z0 * z0 * half) - C<T>(c1) * (T.Exp(-zp * zp * half) + T.Exp(-zm * zm * half));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> sg = V<T>(s), half = V<T>(0.5), iw = V<T>(invW);
            Vector<T> z0 = x * V<T>(invS), zp = (x - sg) * iw, zm = (x + sg) * iw;
            return V<T>(c0) * VExp(-z0 * z0 * half) - V<T>(c1) * (VExp(-zp * zp * half) + VExp(-zm * zm * half));
        }
    }
}
