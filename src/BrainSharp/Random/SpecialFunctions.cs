namespace BrainSharp.Random;

/// <summary>
/// Special functions the distributions and surrogate gradients need and .NET lacks
/// (there is no Math.Erf or Math.LogGamma). Accuracy is close to double precision; these run
/// at build or rejection-step rate, not per element of a hot loop.
/// </summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>The error function erf(x), relative error about 1e-15.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        // erf(6) = 1 - 2.2e-17: indistinguishable from 1 in double precision.
        if (ax >= 6.0) return Math.Sign(x);
        // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n x (2x^2)^n / (1*3*...*(2n+1)) (Abramowitz & Stegun 7.1.6).
        // Every term is positive, so there is no cancellation at any x (unlike the Taylor series).
        double x2 = ax * ax, term = ax, sum = ax;
        for (int n = 1; n < 500; n++)
        {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double r = TwoOverSqrtPi * Math.Exp(-x2) * sum;
        return x < 0 ? -r : r;
    }

    /// <summary>Standard normal cumulative distribution function.</summary>
    public static double NormalCdf(double z) => 0.5 * (1.0 + Erf(z / Math.Sqrt(2.0)));

    /// <summary>log Gamma(x) for x &gt; 0: Stirling series with upward recursion below 7 (as in NumPy's random_loggam).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> a =
        [
            8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
            8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
            1.796443723688307e-01, -1.39243221690590e+00,
        ];
        if (x == 1.0 || x == 2.0) return 0.0;
        int n = x < 7.0 ? (int)(7 - x) : 0;
        double x0 = x + n;
        double x2 = 1.0 / (x0 * x0);
        double gl0 = a[9];
        for (int k = 8; k >= 0; k--) gl0 = gl0 * x2 + a[k];
        double gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.Log(x0) - x0;
        for (int k = 1; k <= n; k++) { x0 -= 1.0; gl -= Math.Log(x0); }
        return gl;
    }
}
