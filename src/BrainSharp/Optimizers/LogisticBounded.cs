using System.Globalization;
using System.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// Parameter bounded to the open interval (lo, hi) through the logistic function:
/// x = lo + (hi − lo)·σ(u), σ(u) = 1/(1 + e^−u); f'(u) = (hi − lo)·σ(u)·(1 − σ(u));
/// f⁻¹(x) = log(p / (1 − p)) with p = (x − lo)/(hi − lo).
/// </summary>
public sealed class LogisticBounded : IReparameterization
{
    /// <summary>Lower bound (exclusive).</summary>
    public double Low { get; }
    /// <summary>Upper bound (exclusive).</summary>
    public double High { get; }

    /// <param name="low">Lower bound, finite.</param>
    /// <param name="high">Upper bound, finite and &gt; low.</param>
    public LogisticBounded(double low, double high)
    {
        if (!double.IsFinite(low)) throw new ArgumentOutOfRangeException(nameof(low), low, $"LogisticBounded: low must be finite, got {low}.");
        if (!double.IsFinite(high) || !(high > low))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"LogisticBounded: high must be finite and > low ({low}), got {high}.");
        Low = low; High = high;
    }

    /// <inheritdoc/>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"LogisticBounded({Low}, {High})");

    /// <inheritdoc/>
    public double Forward(double u) => Low + (High - Low) * Sigmoid(u);

    /// <inheritdoc/>
    public double Inverse(double x)
    {
        if (!(x > Low && x < High))
            throw new ArgumentOutOfRangeException(nameof(x), x,
                string.Create(CultureInfo.InvariantCulture, $"LogisticBounded.Inverse: value {x} is outside the open interval ({Low}, {High})."));
        // log(p/(1-p)) as log(x-lo) - log(hi-x): keeps precision near either bound.
        return Math.Log(x - Low) - Math.Log(High - x);
    }

    /// <inheritdoc/>
    public double Derivative(double u)
    {
        double s = Sigmoid(u);
        return (High - Low) * s * (1 - s);
    }

    /// <inheritdoc/>
    public void Forward<T>(ReadOnlySpan<T> u, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReparameterizationChecks.SameLength("LogisticBounded.Forward", u.Length, x.Length);
        T lo = T.CreateChecked(Low), w = T.CreateChecked(High - Low);
        for (int i = 0; i < u.Length; i++) x[i] = lo + w * Sigmoid(u[i]);
    }

    /// <inheritdoc/>
    public void Backward<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradX, Span<T> gradU) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReparameterizationChecks.SameLength("LogisticBounded.Backward", u.Length, gradX.Length);
        ReparameterizationChecks.SameLength("LogisticBounded.Backward", u.Length, gradU.Length);
        T w = T.CreateChecked(High - Low);
        for (int i = 0; i < u.Length; i++)
        {
            T s = Sigmoid(u[i]);
            gradU[i] = gradX[i] * w * s * (T.One - s);
        }
    }

    // Branches keep e^(±u) ≤ 1, so no overflow for any u.
    private static T Sigmoid<T>(T u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (u >= T.Zero) return T.One / (T.One + T.Exp(-u));
        T e = T.Exp(u);
        return e / (T.One + e);
    }
}
