using BrainSharp.Random;

namespace BrainSharp.Fitting;

/// <summary>
/// CMA-ES (Hansen &amp; Ostermeier 2001; the (mu/mu_w, lambda) form with rank-one and rank-mu updates and
/// cumulative step-size adaptation of Hansen's 2016 tutorial, arXiv:1604.00772) over the box [0,1]^d, with
/// samples outside the box clipped. A second gradient-free baseline beside <see cref="DifferentialEvolution"/>.
/// Samples of a generation are evaluated in parallel; draws come from Philox keyed by (seed, generation, index).
/// </summary>
public sealed class CmaEs
{
    /// <summary>Population size lambda (0: 4 + floor(3 ln d)).</summary>
    public int Population { get; init; }
    /// <summary>Initial step size in box units.</summary>
    public double Sigma0 { get; init; } = 0.3;
    public int MaxGenerations { get; init; } = 200;
    public ulong Seed { get; init; } = 1;

    /// <summary>Minimizes f over [0,1]^d from the box centre; <paramref name="onGeneration"/> may return false to stop.</summary>
    public (double[] Best, double Value) Minimize(int d, Func<double[], double> f, Func<int, double, bool>? onGeneration = null)
    {
        int lambda = Population > 0 ? Population : 4 + (int)(3 * Math.Log(d));
        if (lambda < 4) throw new ArgumentOutOfRangeException(nameof(Population), lambda, "CmaEs: population must be at least 4.");
        int mu = lambda / 2;
        var w = new double[mu];
        for (int i = 0; i < mu; i++) w[i] = Math.Log(mu + 0.5) - Math.Log(i + 1);
        double ws = w.Sum(); for (int i = 0; i < mu; i++) w[i] /= ws;
        double muEff = 1.0 / w.Sum(x => x * x);
        double cc = (4 + muEff / d) / (d + 4 + 2 * muEff / d), cs = (muEff + 2) / (d + muEff + 5);
        double c1 = 2 / ((d + 1.3) * (d + 1.3) + muEff);
        double cmu = Math.Min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((d + 2) * (d + 2) + muEff));
        double damps = 1 + 2 * Math.Max(0, Math.Sqrt((muEff - 1) / (d + 1)) - 1) + cs;
        double chiN = Math.Sqrt(d) * (1 - 1.0 / (4 * d) + 1.0 / (21 * d * d));

        var mean = Enumerable.Repeat(0.5, d).ToArray();
        double sigma = Sigma0;
        var C = Identity(d); var B = Identity(d); var D = Enumerable.Repeat(1.0, d).ToArray();
        var pc = new double[d]; var ps = new double[d];
        var z = new double[lambda][]; var y = new double[lambda][]; var x = new double[lambda][]; var fx = new double[lambda];
        double[] best = (double[])mean.Clone(); double bestF = double.PositiveInfinity;
        for (int gen = 0; gen < MaxGenerations; gen++)
        {
            for (int k = 0; k < lambda; k++)
            {
                var rs = new RandomStream(Seed, (ulong)gen * 65_537UL + (ulong)k);
                z[k] = new double[d]; y[k] = new double[d]; x[k] = new double[d];
                for (int i = 0; i < d; i++) z[k][i] = rs.NextNormal();
                for (int i = 0; i < d; i++) { double s = 0; for (int j = 0; j < d; j++) s += B[i, j] * D[j] * z[k][j]; y[k][i] = s; }
                for (int i = 0; i < d; i++) x[k][i] = Math.Clamp(mean[i] + sigma * y[k][i], 1e-9, 1 - 1e-9);
            }
            Parallel.For(0, lambda, k => fx[k] = f(x[k]));
            var order = Enumerable.Range(0, lambda).OrderBy(k => fx[k]).ToArray();
            if (fx[order[0]] < bestF) { bestF = fx[order[0]]; best = (double[])x[order[0]].Clone(); }
            if (onGeneration != null && !onGeneration(gen, bestF)) break;

            var yw = new double[d];
            for (int i = 0; i < mu; i++) for (int j = 0; j < d; j++) yw[j] += w[i] * y[order[i]][j];
            for (int j = 0; j < d; j++) mean[j] = Math.Clamp(mean[j] + sigma * yw[j], 0, 1);
            // C^{-1/2} yw = B D^{-1} B^T yw
            var t = new double[d];
            for (int i = 0; i < d; i++) { double s = 0; for (int j = 0; j < d; j++) s += B[j, i] * yw[j]; t[i] = s / D[i]; }
            var cInvHalfYw = new double[d];
            for (int i = 0; i < d; i++) { double s = 0; for (int j = 0; j < d; j++) s += B[i, j] * t[j]; cInvHalfYw[i] = s; }
            double csn = Math.Sqrt(cs * (2 - cs) * muEff);
            for (int i = 0; i < d; i++) ps[i] = (1 - cs) * ps[i] + csn * cInvHalfYw[i];
            double psNorm = Math.Sqrt(ps.Sum(v => v * v));
            bool hsig = psNorm / Math.Sqrt(1 - Math.Pow(1 - cs, 2 * (gen + 1))) < (1.4 + 2.0 / (d + 1)) * chiN;
            double ccn = Math.Sqrt(cc * (2 - cc) * muEff);
            for (int i = 0; i < d; i++) pc[i] = (1 - cc) * pc[i] + (hsig ? ccn * yw[i] : 0);
            double dh = hsig ? 0 : cc * (2 - cc);
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    double rankMu = 0;
                    for (int k = 0; k < mu; k++) rankMu += w[k] * y[order[k]][i] * y[order[k]][j];
                    C[i, j] = (1 - c1 - cmu) * C[i, j] + c1 * (pc[i] * pc[j] + dh * C[i, j]) + cmu * rankMu;
                }
            sigma *= Math.Exp(cs / damps * (psNorm / chiN - 1));
            sigma = Math.Min(sigma, 1.0);
            SymmetricEigen(C, B, D);
            for (int i = 0; i < d; i++) D[i] = Math.Sqrt(Math.Max(D[i], 1e-20));
        }
        return (best, bestF);
    }

    private static double[,] Identity(int d) { var m = new double[d, d]; for (int i = 0; i < d; i++) m[i, i] = 1; return m; }

    /// <summary>Cyclic Jacobi eigen-decomposition of a small symmetric matrix: C = V diag(e) V^T.</summary>
    internal static void SymmetricEigen(double[,] c, double[,] v, double[] e)
    {
        int d = e.Length;
        var a = (double[,])c.Clone();
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) v[i, j] = i == j ? 1 : 0;
        for (int sweep = 0; sweep < 50; sweep++)
        {
            double off = 0;
            for (int i = 0; i < d; i++) for (int j = i + 1; j < d; j++) off += a[i, j] * a[i, j];
            if (off < 1e-30) break;
            for (int p = 0; p < d; p++)
                for (int q = p + 1; q < d; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double cs = 1 / Math.Sqrt(t * t + 1), sn = t * cs;
                    for (int k = 0; k < d; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = cs * akp - sn * akq; a[k, q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < d; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = cs * apk - sn * aqk; a[q, k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < d; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = cs * vkp - sn * vkq; v[k, q] = sn * vkp + cs * vkq;
                    }
                }
        }
        for (int i = 0; i < d; i++) e[i] = a[i, i];
    }
}
