namespace BrainSharp.Tests.Random;

/// <summary>Small statistics helpers for distribution tests (fixed seeds: results are deterministic, thresholds are ~4-5 sigma).</summary>
internal static class Stats
{
    public static (double Mean, double Var) Moments(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m += v;
        m /= x.Length;
        double s = 0;
        foreach (var v in x) s += (v - m) * (v - m);
        return (m, s / (x.Length - 1));
    }

    /// <summary>Asserts the sample mean and variance agree with the true ones within <paramref name="z"/> standard errors;
    /// <paramref name="mu4"/> is the true fourth central moment (for the standard error of the variance).</summary>
    public static void AssertMoments(ReadOnlySpan<double> x, double mean, double variance, double mu4, double z = 5)
    {
        var (m, v) = Moments(x);
        int n = x.Length;
        double seMean = Math.Sqrt(variance / n), seVar = Math.Sqrt((mu4 - variance * variance) / n);
        Assert.True(Math.Abs(m - mean) < z * seMean, $"mean {m} vs {mean} (SE {seMean})");
        Assert.True(Math.Abs(v - variance) < z * seVar, $"variance {v} vs {variance} (SE {seVar})");
    }

    /// <summary>Kolmogorov-Smirnov statistic sup |F_n - F|.</summary>
    public static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        var x = (double[])sample.Clone();
        Array.Sort(x);
        int n = x.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        return d;
    }

    /// <summary>KS critical value at significance 0.001 (asymptotic: 1.949/sqrt(n)).</summary>
    public static double KsCritical(int n) => 1.949 / Math.Sqrt(n);

    /// <summary>Chi-square statistic of observed counts against expected counts.</summary>
    public static double ChiSquare(ReadOnlySpan<long> observed, ReadOnlySpan<double> expected)
    {
        double c = 0;
        for (int i = 0; i < observed.Length; i++) c += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
        return c;
    }

    /// <summary>Upper 0.001 quantile of chi-square with df degrees of freedom (Wilson-Hilferty).</summary>
    public static double ChiSquareCritical(int df)
    {
        const double z = 3.0902;
        double a = 2.0 / (9.0 * df);
        return df * Math.Pow(1 - a + z * Math.Sqrt(a), 3);
    }

    public static double[] Draw(int n, Func<double> f)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = f();
        return r;
    }
}
