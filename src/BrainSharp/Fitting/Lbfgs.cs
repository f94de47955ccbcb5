namespace BrainSharp.Fitting;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Nocedal &amp; Wright 2006, Alg. 7.4) with a backtracking Armijo line search.
/// Minimizes a smooth function given its value and gradient. Small and dependency-free on purpose: fit problems
/// have at most a handful of parameters, and the cost is all in the function evaluations.
/// </summary>
public sealed class Lbfgs
{
    /// <summary>Number of correction pairs kept.</summary>
    public int Memory { get; init; } = 10;
    /// <summary>Maximum iterations.</summary>
    public int MaxIterations { get; init; } = 200;
    /// <summary>Stop when the relative decrease of f over an iteration falls below this.</summary>
    public double RelativeTolerance { get; init; } = 1e-10;
    /// <summary>Stop when the gradient's max-norm falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>Minimizes from x (updated in place). <paramref name="valueAndGradient"/> returns f and writes the gradient;
    /// <paramref name="onIteration"/> is told (iteration, f) and may return false to stop. Returns the final f.</summary>
    public double Minimize(double[] x, Func<double[], double[], double> valueAndGradient, Func<int, double, bool>? onIteration = null)
    {
        int n = x.Length, m = Memory;
        var s = new double[m][]; var y = new double[m][]; var rho = new double[m];
        for (int i = 0; i < m; i++) { s[i] = new double[n]; y[i] = new double[n]; }
        var g = new double[n]; var gNew = new double[n]; var d = new double[n]; var xNew = new double[n];
        var alpha = new double[m];
        double f = valueAndGradient(x, g);
        if (!double.IsFinite(f)) return f;
        int stored = 0, head = 0;
        for (int it = 0; it < MaxIterations; it++)
        {
            // Two-loop recursion: d = -H g.
            for (int i = 0; i < n; i++) d[i] = -g[i];
            for (int k = 0; k < stored; k++)
            {
                int j = (head - 1 - k + m) % m;
                alpha[j] = rho[j] * Dot(s[j], d);
                for (int i = 0; i < n; i++) d[i] -= alpha[j] * y[j][i];
            }
            double gamma = 1.0;
            if (stored > 0) { int j = (head - 1 + m) % m; gamma = Dot(s[j], y[j]) / Dot(y[j], y[j]); }
            else { double gn = Math.Sqrt(Dot(g, g)); if (gn > 0) gamma = 1.0 / gn; }
            for (int i = 0; i < n; i++) d[i] *= gamma;
            for (int k = stored - 1; k >= 0; k--)
            {
                int j = (head - 1 - k + m) % m;
                double beta = rho[j] * Dot(y[j], d);
                for (int i = 0; i < n; i++) d[i] += s[j][i] * (alpha[j] - beta);
            }
            double slope = Dot(g, d);
            if (!(slope < 0)) { for (int i = 0; i < n; i++) d[i] = -g[i] * gamma; slope = Dot(g, d); stored = 0; }
            if (!(slope < 0)) break;

            // Backtracking line search (Armijo, c = 1e-4); non-finite trial values count as failures.
            double step = 1.0, fNew = double.NaN;
            bool ok = false;
            for (int ls = 0; ls < 40; ls++)
            {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
                fNew = valueAndGradient(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= f + 1e-4 * step * slope) { ok = true; break; }
                step *= 0.5;
            }
            if (!ok) break;
            int h = head;
            double sy = 0;
            for (int i = 0; i < n; i++) { s[h][i] = xNew[i] - x[i]; y[h][i] = gNew[i] - g[i]; sy += s[h][i] * y[h][i]; }
            if (sy > 1e-300) { rho[h] = 1.0 / sy; head = (head + 1) % m; stored = Math.Min(stored + 1, m); }
            double fOld = f;
            Array.Copy(xNew, x, n); Array.Copy(gNew, g, n); f = fNew;
            if (onIteration != null && !onIteration(it, f)) break;
            if ((fOld - f) <= RelativeTolerance * Math.Max(1.0, Math.Abs(f))) break;
            double gmax = 0; for (int i = 0; i < n; i++) gmax = Math.Max(gmax, Math.Abs(g[i]));
            if (gmax < GradientTolerance) break;
        }
        return f;
    }

    private static double Dot(double[] a, double[] b) { double r = 0; for (int i = 0; i < a.Length; i++) r += a[i] * b[i]; return r; }
}
