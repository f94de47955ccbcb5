using System.Runtime.CompilerServices;

namespace BrainSharp.Integrators;

/// <summary>
/// Exponential Euler (Brian2's "exponential_euler", BrainPy's "exp_euler"): with dy_i/dt = A_i + B_i y_i and A, B
/// evaluated at the start of the step, y_i(t+dt) = y_inf + (y_i - y_inf) exp(B_i dt), y_inf = -A_i/B_i, written as
/// y_i + dt (A_i + B_i y_i) phi1(B_i dt) with phi1(z) = (e^z - 1)/z so that B -> 0 falls back smoothly to Euler.
/// Exact (to rounding) when A and B are constant; order 1 overall, but unconditionally stable for the stiff linear
/// part, which is why it is the default for Hodgkin-Huxley gates (tau_m ~ 0.1 ms) at dt = 0.1 ms.
/// </summary>
public static class ExponentialEuler
{
    /// <summary>Scratch doubles a step needs for a system of dimension <paramref name="dim"/>.</summary>
    public static int WorkLength(int dim) => 2 * dim;

    /// <summary>Advances <paramref name="y"/> in place from t to t + dt (ms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TSys>(ref TSys sys, double t, Span<double> y, double dt, Span<double> work) where TSys : ILinearSplitSystem
    {
        int n = y.Length;
        Span<double> a = work[..n], b = work.Slice(n, n);
        sys.LinearSplit(t, y, a, b);
        for (int i = 0; i < n; i++) y[i] = Advance(y[i], a[i], b[i], dt);
    }

    /// <summary>The exact solution after dt (ms) of dy/dt = a + b y from y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Advance(double y, double a, double b, double dt) => y + dt * (a + b * y) * Phi1(b * dt);

    /// <summary>phi1(z) = (e^z - 1)/z, accurate near z = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Phi1(double z)
    {
        // Kahan's trick: (u - 1)/log(u) with u = e^z rounds the same way in numerator and denominator, so phi1 stays
        // accurate to a few ulp for small z, where the naive (e^z - 1)/z loses digits (double.ExpM1 is e^z - 1 in .NET).
        double u = Math.Exp(z);
        if (u == 1.0) return 1.0 + 0.5 * z;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0 / z;
        return Math.Abs(z) < 1.0 ? um1 / Math.Log(u) : um1 / z;
    }
}
