using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// Positive parameter through softplus: x = log(1 + e^u) &gt; 0, f'(u) = σ(u) = 1/(1 + e^−u),
/// f⁻¹(x) = log(e^x − 1) = x + log(1 − e^−x). Unlike exp, the map is asymptotically linear, so large
/// values do not get exponentially large gradients.
/// </summary>
public sealed class SoftplusPositive : IReparameterization
{
    /// <inheritdoc/>
    public string Name => "SoftplusPositive";

    /// <inheritdoc/>
    public double Forward(double u) => Softplus(u);

    /// <inheritdoc/>
    public double Inverse(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, $"SoftplusPositive.Inverse: value {x} is not a finite number > 0.");
        // log(expm1(x)) written stably: for large x expm1 overflows, for tiny x log1p(-exp(-x)) keeps precision.
        return x > 30 ? x + StableMath.Log1P(-Math.Exp(-x)) : Math.Log(StableMath.ExpM1(x));
    }

    /// <inheritdoc/>
    public double Derivative(double u) => 1.0 / (1.0 + Math.Exp(-u));

    /// <inheritdoc/>
    public void Forward<T>(ReadOnlySpan<T> u, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReparameterizationChecks.SameLength("SoftplusPositive.Forward", u.Length, x.Length);
        for (int i = 0; i < u.Length; i++) x[i] = Softplus(u[i]);
    }

    /// <inheritdoc/>
    public void Backward<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradX, Span<T> gradU) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReparameterizationChecks.SameLength("SoftplusPositive.Backward", u.Length, gradX.Length);
        ReparameterizationChecks.SameLength("SoftplusPositive.Backward", u.Length, gradU.Length);
        for (int i = 0; i < u.Length; i++) gradU[i] = gradX[i] / (T.One + T.Exp(-u[i]));
    }

    // max(u, 0) + log1p(e^-|u|): no overflow for large u, full precision for very negative u.
    private static T Softplus<T>(T u) where T : unmanaged, IFloatingPointIeee754<T>
        => T.Max(u, T.Zero) + StableMath.Log1P(T.Exp(-T.Abs(u)));
}
