using BrainSharp.Integrators;
using BrainSharp.Random;

namespace BrainSharp.Tests.Integrators;

public class SdeTests
{
    // Strong error E|X_N - X(T)| on geometric Brownian motion, with the exact solution driven by the same Brownian path.
    private static double[] StrongErrors(bool milstein, int[] levels, int paths, ulong seed)
    {
        var sys = new GeometricBrownianMotion { Mu = 1.5, Sigma = 1.0 };
        const double T = 1.0, x0 = 1.0;
        int fine = 1 << levels[^1];
        double dtFine = T / fine;
        var dWFine = new double[fine];
        var err = new double[levels.Length];
        Span<double> work = stackalloc double[Milstein.WorkLength(1)];
        Span<double> y = stackalloc double[1];
        Span<double> dW = stackalloc double[1];
        var rng = new RandomStream(seed, 7);
        for (int p = 0; p < paths; p++)
        {
            double wT = 0;
            for (int k = 0; k < fine; k++) { dWFine[k] = Math.Sqrt(dtFine) * rng.NextNormal(); wT += dWFine[k]; }
            double exact = x0 * Math.Exp((sys.Mu - 0.5 * sys.Sigma * sys.Sigma) * T + sys.Sigma * wT);
            for (int l = 0; l < levels.Length; l++)
            {
                int steps = 1 << levels[l], group = fine / steps;
                double dt = T / steps;
                y[0] = x0;
                for (int s = 0; s < steps; s++)
                {
                    double inc = 0;
                    for (int k = 0; k < group; k++) inc += dWFine[s * group + k];
                    dW[0] = inc;
                    if (milstein) Milstein.Step(ref sys, s * dt, y, dt, dW, work);
                    else EulerMaruyama.Step(ref sys, s * dt, y, dt, dW, work);
                }
                err[l] += Math.Abs(y[0] - exact) / paths;
            }
        }
        return err;
    }

    private static double Slope(int[] levels, double[] err)
    {
        // Least-squares slope of log(err) against log(dt) = -level log 2.
        int n = levels.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += -levels[i] * Math.Log(2); my += Math.Log(err[i]); }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = -levels[i] * Math.Log(2) - mx;
            sxy += dx * (Math.Log(err[i]) - my); sxx += dx * dx;
        }
        return sxy / sxx;
    }

    [Fact]
    public void EulerMaruyama_StrongOrderHalf()
    {
        int[] levels = [4, 5, 6, 7, 8, 9];
        double slope = Slope(levels, StrongErrors(false, levels, 400, 11));
        Assert.InRange(slope, 0.4, 0.65);
    }

    [Fact]
    public void Milstein_StrongOrderOne()
    {
        int[] levels = [4, 5, 6, 7, 8, 9];
        double[] em = StrongErrors(false, levels, 400, 11), mil = StrongErrors(true, levels, 400, 11);
        Assert.InRange(Slope(levels, mil), 0.85, 1.15);
        Assert.True(mil[^1] < em[^1] / 3, $"Milstein {mil[^1]} vs EM {em[^1]}");
    }

    [Fact]
    public void SeededOverload_IsReproducibleAndHasRightVariance()
    {
        // Additive noise dX = sigma dW: X_T ~ N(0, sigma^2 T); same seed gives the same path.
        var sys = new OrnsteinUhlenbeckFree { Sigma = 2.0 };
        double RunPath(ulong seed, int path)
        {
            Span<double> work = stackalloc double[EulerMaruyama.WorkLength(1) + 1];
            var rng = new RandomStream(seed, (ulong)path);
            Span<double> y = [0.0];
            for (int s = 0; s < 100; s++) EulerMaruyama.Step(ref sys, s * 0.1, y, 0.1, ref rng, work);
            return y[0];
        }
        Assert.Equal(RunPath(3, 0), RunPath(3, 0));
        double sum2 = 0; int paths = 4000;
        for (int p = 0; p < paths; p++) { double x = RunPath(5, p); sum2 += x * x; }
        double variance = sum2 / paths; // expected sigma^2 T = 4 * 10 = 40, standard error 40 sqrt(2/4000) = 0.9
        Assert.InRange(variance, 40 - 4, 40 + 4);
    }
}

internal struct OrnsteinUhlenbeckFree : ISdeSystem
{
    public double Sigma;
    public readonly int Dimension => 1;
    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d) => d[0] = 0;
    public readonly void Diffusion(double t, ReadOnlySpan<double> y, Span<double> g) => g[0] = Sigma;
    public readonly void DiffusionDerivative(double t, ReadOnlySpan<double> y, Span<double> dg) => dg[0] = 0;
}
