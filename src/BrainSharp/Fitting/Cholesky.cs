namespace BrainSharp.Fitting;

/// <summary>Solves a small symmetric positive-definite system in place by Cholesky factorization (used by Levenberg-Marquardt and the ridge readout).</summary>
internal static class Cholesky
{
    /// <summary>Solves A x = b (A d x d row-major, overwritten by its factor; b overwritten by x). False if A is not positive definite.</summary>
    public static bool Solve(double[] a, double[] b, int d)
    {
        if (!Factor(a, d)) return false;
        SolveFactored(a, b, d);
        return true;
    }

    /// <summary>Overwrites the lower triangle of A (d x d row-major) with L, A = L L^T. False if A is not positive definite.</summary>
    public static bool Factor(double[] a, int d)
    {
        for (int j = 0; j < d; j++)
        {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) s -= a[j * d + k] * a[j * d + k];
            if (!(s > 0)) return false;
            double l = Math.Sqrt(s);
            a[j * d + j] = l;
            for (int i = j + 1; i < d; i++)
            {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
                a[i * d + j] = t / l;
            }
        }
        return true;
    }

    /// <summary>Solves L L^T x = b with the factor from <see cref="Factor"/>; b (length d) is overwritten by x.</summary>
    public static void SolveFactored(double[] l, Span<double> b, int d)
    {
        for (int i = 0; i < d; i++)
        {
            double t = b[i];
            for (int k = 0; k < i; k++) t -= l[i * d + k] * b[k];
            b[i] = t / l[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--)
        {
            double t = b[i];
            for (int k = i + 1; k < d; k++) t -= l[k * d + i] * b[k];
            b[i] = t / l[i * d + i];
        }
    }
}
