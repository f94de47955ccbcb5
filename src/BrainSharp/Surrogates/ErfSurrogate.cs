using System.Numerics;
using System.Runtime.CompilerServices;
using BrainSharp.Random;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// Error-function surrogate: a Gaussian pseudo-derivative parameterized by sharpness (area 1).
/// <code>
/// P(x) = erfc(−αx)/2 = (1 + erf(αx))/2
/// D(x) = (α/√π)·exp(−α²x²),   D(0) = α/√π
/// </code>
/// Sources: Esser et al. (2015), "Backpropagation for energy-efficient neuromorphic computing", NeurIPS;
/// Wu et al. (2018), Front. Neurosci. 12:331 (STBP); SpikingJelly surrogate.Erf (default α = 2).
/// Equals <see cref="GaussianSurrogate"/> with σ = 1/(α√2).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class ErfSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness α (per unit of x), &gt; 0.</summary>
    public double Alpha { get; }

    /// <param name="alpha">Sharpness α (per unit of x), &gt; 0; default 2.0.</param>
    public ErfSurrogate(double alpha = 2.0)
    {
        Alpha = SurrogateKernel.Positive(nameof(ErfSurrogate), nameof(alpha), alpha);
        _op = new Op(Alpha);
    }

    /// <inheritdoc/>
    public string Name => $"Erf(alpha={SurrogateKernel.F(Alpha)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        return 0.5 * (1 + SpecialFunctions.Erf(Alpha * x));
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(ErfSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(ErfSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(ErfSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(ErfSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double alpha) : ISurrogateOp
    {
        private readonly double a = alpha;
        private readonly double peak = alpha / Math.Sqrt(Math.PI);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T z = C<T>(a) * x;
            return C<T>(peak) * T.Exp(-z * z);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector<T> z = V<T>(a) * x;
            return V<T>(peak) * VExp(-z * z);
        }
    }
}
