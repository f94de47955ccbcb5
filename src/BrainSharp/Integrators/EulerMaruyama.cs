using System.Runtime.CompilerServices;
using BrainSharp.Random;

namespace BrainSharp.Integrators;

/// <summary>
/// Euler-Maruyama for Itô SDEs with diagonal noise: y_i(t+dt) = y_i + f_i dt + g_i dW_i, dW_i ~ N(0, dt).
/// Strong order 1/2 for multiplicative noise (order 1 for additive noise), weak order 1. Example: on geometric Brownian
/// motion the mean absolute error at T shrinks by about sqrt(2) each time dt halves.
/// </summary>
public static class EulerMaruyama
{
    /// <summary>Scratch doubles a step needs for a system of dimension <paramref name="dim"/> (including room for the increments the seeded overload draws).</summary>
    public static int WorkLength(int dim) => 3 * dim;

    /// <summary>Advances <paramref name="y"/> from t to t + dt (ms) with the Wiener increments <paramref name="dW"/> (variance dt each).
    /// Passing increments lets a caller reuse one Brownian path at several step sizes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<TSys>(ref TSys sys, double t, Span<double> y, double dt, ReadOnlySpan<double> dW, Span<double> work) where TSys : ISdeSystem
    {
        int n = y.Length;
        Span<double> f = work[..n], g = work.Slice(n, n);
        sys.Derivatives(t, y, f);
        sys.Diffusion(t, y, g);
        for (int i = 0; i < n; i++) y[i] += f[i] * dt + g[i] * dW[i];
    }

    /// <summary>Advances <paramref name="y"/> from t to t + dt (ms), drawing the increments from <paramref name="rng"/>.</summary>
    public static void Step<TSys>(ref TSys sys, double t, Span<double> y, double dt, ref RandomStream rng, Span<double> work) where TSys : ISdeSystem
    {
        int n = y.Length;
        Span<double> dW = work.Slice(2 * n, n);
        double s = Math.Sqrt(dt);
        for (int i = 0; i < n; i++) dW[i] = s * rng.NextNormal();
        Step(ref sys, t, y, dt, dW, work);
    }
}
