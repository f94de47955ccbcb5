using System.Numerics;
using System.Runtime.CompilerServices;
using static BrainSharp.Surrogates.SurrogateKernel;

namespace BrainSharp.Surrogates;

/// <summary>
/// SLAYER's spike-escape-rate derivative: an exponential in the distance from threshold.
/// <code>
/// D(x) = a·exp(−β|x|),   D(0) = a
/// P(x) = (a/β)·e^(βx) (x &lt; 0);  (a/β)·(2 − e^(−βx)) (x ≥ 0)
/// </code>
/// Source: Shrestha &amp; Orchard (2018), "SLAYER: Spike layer error reassignment in time", NeurIPS, Eq. 9:
/// ρ(t) = α·exp(−β|u(t) − ϑ|) (their α is the amplitude a here, β the sharpness; defaults 1, 1).
/// x is the (scaled) distance of the membrane potential from threshold.
/// </summary>
public sealed class SlayerExponentialSurrogate : ISurrogate
{
    private readonly Op _op;

    /// <summary>Sharpness β (per unit of x), &gt; 0.</summary>
    public double Beta { get; }

    /// <summary>Amplitude a at x = 0, &gt; 0.</summary>
    public double Amplitude { get; }

    /// <param name="beta">Sharpness β (per unit of x), &gt; 0; default 1.0.</param>
    /// <param name="amplitude">Amplitude a at x = 0, &gt; 0; default 1.0.</param>
    public SlayerExponentialSurrogate(double beta = 1.0, double amplitude = 1.0)
    {
        Beta = SurrogateKernel.Positive(nameof(SlayerExponentialSurrogate), nameof(beta), beta);
        Amplitude = SurrogateKernel.Positive(nameof(SlayerExponentialSurrogate), nameof(amplitude), amplitude);
        _op = new Op(Beta, Amplitude);
    }

    /// <inheritdoc/>
    public string Name => $"SlayerExponential(beta={SurrogateKernel.F(Beta)}, amplitude={SurrogateKernel.F(Amplitude)})";

    /// <inheritdoc/>
    public double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc/>
    public double Primitive(double x)
    {
        double c = Amplitude / Beta;
        return x < 0 ? c * Math.Exp(Beta * x) : c * (2 - Math.Exp(-Beta * x));
    }

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<double> x, Span<double> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(SlayerExponentialSurrogate));

    /// <inheritdoc/>
    public void Derivative(ReadOnlySpan<float> x, Span<float> destination) => SurrogateKernel.Derivative(_op, x, destination, nameof(SlayerExponentialSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> gradOutput, Span<double> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(SlayerExponentialSurrogate));

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => SurrogateKernel.Backward(_op, x, gradOutput, gradInput, nameof(SlayerExponentialSurrogate));

    // Constants are folded once here so the per-element path is only the formula.
    private readonly struct Op(double beta, double amplitude) : ISurrogateOp
    {
        private readonly double amp = amplitude;
        private readonly double b = beta;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Derivative<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return C<T>(amp) * T.Exp(-C<T>(b) * T.Abs(x));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Derivative<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            return V<T>(amp) * VExp(-V<T>(b) * Vector.Abs(x));
        }
    }
}
