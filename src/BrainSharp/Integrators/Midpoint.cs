using System.Runtime.CompilerServices;

namespace BrainSharp.Integrators;

/// <summary>
/// Explicit midpoint rule, order 2 (Brian2's "rk2"): y(t+dt) = y + dt f(t + dt/2, y + dt/2 f(t, y)).
/// For dv/dt = -v/tau (tau = 1000 ms, dt = 0.1 ms) the relative error after 100 ms is about 1.7e-10.
/// </summary>
public static class Midpoint
{
    /// <summary>Scratch doubles a step needs for a system of dimension <paramref name="dim"/>.</summary>
    public static int WorkLength(int dim) => 2 * dim;

    /// <summary>Advances <paramref name="y"/> in place from t to t + dt (ms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TSys>(ref TSys sys, double t, Span<double> y, double dt, Span<double> work) where TSys : IOdeSystem
    {
        int n = y.Length;
        Span<double> k = work[..n], tmp = work.Slice(n, n);
        sys.Derivatives(t, y, k);
        for (int i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * dt * k[i];
        sys.Derivatives(t + 0.5 * dt, tmp, k);
        for (int i = 0; i < n; i++) y[i] += dt * k[i];
    }
}
