namespace BrainSharp.Fitting;

/// <summary>
/// Levenberg-Marquardt (Levenberg 1944; Marquardt 1963) for least-squares objectives, with Marquardt's diagonal
/// scaling. Each iteration needs the gradient and the Gauss-Newton matrix J^T J, which forward-mode simulation
/// delivers in one pass; rejected steps cost only a plain evaluation. For trace fitting it typically converges in
/// a handful of iterations where first-order methods need hundreds.
/// </summary>
public sealed class LevenbergMarquardt
{
    public int MaxIterations { get; init; } = 50;
    /// <summary>Initial damping.</summary>
    public double InitialDamping { get; init; } = 1e-2;
    /// <summary>Stop when the relative decrease of f over an accepted step falls below this.</summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>
    /// Minimizes from x (updated in place). <paramref name="full"/> returns f and writes gradient and Gauss-Newton
    /// matrix (d x d row-major); <paramref name="value"/> returns f only. <paramref name="onIteration"/> may return
    /// false to stop. Returns the final f.
    /// </summary>
    public double Minimize(double[] x, Func<double[], double[], double[], double> full, Func<double[], double> value,
        Func<int, double, bool>? onIteration = null)
    {
        int d = x.Length;
        var g = new double[d]; var h = new double[d * d]; var a = new double[d * d]; var step = new double[d]; var xNew = new double[d];
        double f = full(x, g, h);
        if (!double.IsFinite(f)) return f;
        double lambda = InitialDamping;
        for (int it = 0; it < MaxIterations; it++)
        {
            bool accepted = false;
            for (int tries = 0; tries < 30 && !accepted; tries++)
            {
                Array.Copy(h, a, h.Length);
                for (int i = 0; i < d; i++) a[i * d + i] += lambda * Math.Max(h[i * d + i], 1e-12);
                for (int i = 0; i < d; i++) step[i] = -g[i];
                if (!Cholesky.Solve(a, step, d)) { lambda *= 10; continue; }
                for (int i = 0; i < d; i++) xNew[i] = x[i] + step[i];
                double fNew = value(xNew);
                if (double.IsFinite(fNew) && fNew < f)
                {
                    accepted = true;
                    Array.Copy(xNew, x, d);
                    double fOld = f;
                    f = full(x, g, h);
                    lambda = Math.Max(lambda / 3, 1e-12);
                    if (onIteration != null && !onIteration(it, f)) return f;
                    if (fOld - f <= RelativeTolerance * Math.Max(1.0, f)) return f;
                }
                else lambda *= 4;
            }
            if (!accepted) break;
        }
        return f;
    }
}
