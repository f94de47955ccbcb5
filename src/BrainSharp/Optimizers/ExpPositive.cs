using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// Positive parameter through the exponential: x = e^u, f'(u) = e^u, f⁻¹(x) = log x. Makes steps in u
/// relative changes of x, natural for scale parameters such as time constants.
/// </summary>
public sealed class ExpPositive : IReparameterization
{
    /// <inheritdoc/>
    public string Name => "ExpPositive";

    /// <inheritdoc/>
    public double Forward(double u) => Math.Exp(u);

    /// <inheritdoc/>
    public double Inverse(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, $"ExpPositive.Inverse: value {x} is not a finite number > 0.");
        return Math.Log(x);
    }

    /// <inheritdoc/>
    public double Derivative(double u) => Math.Exp(u);

    /// <inheritdoc/>
    public void Forward<T>(ReadOnlySpan<T> u, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReparameterizationChecks.SameLength("ExpPositive.Forward", u.Length, x.Length);
        for (int i = 0; i < u.Length; i++) x[i] = T.Exp(u[i]);
    }

    /// <inheritdoc/>
    public void Backward<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradX, Span<T> gradU) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReparameterizationChecks.SameLength("ExpPositive.Backward", u.Length, gradX.Length);
        ReparameterizationChecks.SameLength("ExpPositive.Backward", u.Length, gradU.Length);
        for (int i = 0; i < u.Length; i++) gradU[i] = gradX[i] * T.Exp(u[i]);
    }
}
