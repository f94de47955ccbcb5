using System.Runtime.CompilerServices;

namespace BrainSharp.Integrators;

/// <summary>
/// Heun's method (explicit trapezoid), order 2: k1 = f(t, y), k2 = f(t + dt, y + dt k1), y(t+dt) = y + dt (k1 + k2)/2.
/// Same accuracy class as <see cref="Midpoint"/>; preferred where the right-hand side is cheapest at step ends.
/// </summary>
public static class Heun
{
    /// <summary>Scratch doubles a step needs for a system of dimension <paramref name="dim"/>.</summary>
    public static int WorkLength(int dim) => 3 * dim;

    /// <summary>Advances <paramref name="y"/> in place from t to t + dt (ms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TSys>(ref TSys sys, double t, Span<double> y, double dt, Span<double> work) where TSys : IOdeSystem
    {
        int n = y.Length;
        Span<double> k1 = work[..n], k2 = work.Slice(n, n), tmp = work.Slice(2 * n, n);
        sys.Derivatives(t, y, k1);
        for (int i = 0; i < n; i++) tmp[i] = y[i] + dt * k1[i];
        sys.Derivatives(t + dt, tmp, k2);
        for (int i = 0; i < n; i++) y[i] += 0.5 * dt * (k1[i] + k2[i]);
    }
}
