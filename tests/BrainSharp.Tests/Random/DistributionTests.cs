using BrainSharp.Random;

namespace BrainSharp.Tests.Random;

public class DistributionTests
{
    private const int N = 50_000;

    [Fact]
    public void UniformRangeMomentsAndKs()
    {
        var s = new RandomStream(1, 2);
        var x = Stats.Draw(N, () => s.NextUniform(2, 5));
        Assert.True(x.All(v => v >= 2 && v < 5));
        // U(a,b): var (b-a)^2/12, mu4 (b-a)^4/80
        Stats.AssertMoments(x, 3.5, 0.75, 81.0 / 80);
        Assert.True(Stats.KolmogorovSmirnov(x, v => (v - 2) / 3) < Stats.KsCritical(N));
    }

    [Fact]
    public void NormalMomentsAndKs()
    {
        var s = new RandomStream(3);
        var x = Stats.Draw(N, () => s.NextNormal(1.0, 2.0));
        Stats.AssertMoments(x, 1.0, 4.0, 3 * 16.0);
        Assert.True(Stats.KolmogorovSmirnov(x, v => SpecialFunctions.NormalCdf((v - 1) / 2)) < Stats.KsCritical(N));
    }

    [Fact]
    public void LogNormalMoments()
    {
        var s = new RandomStream(4);
        double mu = 0.5, sg = 0.4;
        var x = Stats.Draw(N, () => s.NextLogNormal(mu, sg));
        // Its logarithm is Normal(mu, sg): test that exactly, plus the log-normal mean exp(mu + sg^2/2).
        var logs = x.Select(v => Math.Log(v)).ToArray();
        Assert.True(Stats.KolmogorovSmirnov(logs, v => SpecialFunctions.NormalCdf((v - mu) / sg)) < Stats.KsCritical(N));
        double mean = Math.Exp(mu + sg * sg / 2), variance = (Math.Exp(sg * sg) - 1) * Math.Exp(2 * mu + sg * sg);
        var (m, _) = Stats.Moments(x);
        Assert.True(Math.Abs(m - mean) < 5 * Math.Sqrt(variance / N));
    }

    [Fact]
    public void ExponentialMomentsAndKs()
    {
        var s = new RandomStream(5);
        double rate = 3;
        var x = Stats.Draw(N, () => s.NextExponential(rate));
        Assert.True(x.All(v => v >= 0));
        // mean 1/r, var 1/r^2, mu4 9/r^4
        Stats.AssertMoments(x, 1 / rate, 1 / (rate * rate), 9 / Math.Pow(rate, 4));
        Assert.True(Stats.KolmogorovSmirnov(x, v => 1 - Math.Exp(-rate * v)) < Stats.KsCritical(N));
    }

    [Fact]
    public void BernoulliFrequency()
    {
        var s = new RandomStream(6);
        double p = 0.3;
        var x = Stats.Draw(N, () => s.NextBernoulli(p) ? 1 : 0);
        double q = 1 - p;
        Stats.AssertMoments(x, p, p * q, p * q * (1 - 3 * p * q));
        Assert.True(Stats.Draw(1000, () => s.NextBernoulli(0) ? 1 : 0).All(v => v == 0));
        Assert.True(Stats.Draw(1000, () => s.NextBernoulli(1) ? 1 : 0).All(v => v == 1));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(9.99)]
    [InlineData(10.0)]
    [InlineData(37.5)]
    [InlineData(1000.0)]
    [InlineData(1e7)]
    public void PoissonMeanAndVariance(double lambda)
    {
        var s = new RandomStream(7, (ulong)lambda);
        var x = Stats.Draw(N, () => s.NextPoisson(lambda));
        Assert.True(x.All(v => v >= 0 && v == Math.Floor(v)));
        // Poisson: mean = var = lambda, mu4 = lambda(1 + 3 lambda)
        Stats.AssertMoments(x, lambda, lambda, lambda * (1 + 3 * lambda));
    }

    [Theory]
    [InlineData(4.0)]   // multiplication method
    [InlineData(25.0)]  // PTRS
    public void PoissonPmfChiSquare(double lambda)
    {
        var s = new RandomStream(8);
        int kmax = (int)(lambda + 6 * Math.Sqrt(lambda));
        var counts = new long[kmax + 2];
        for (int i = 0; i < N; i++) counts[Math.Min(s.NextPoisson(lambda), kmax + 1)]++;
        // Expected counts from the pmf by recursion p(k) = p(k-1) lambda / k; bins merged until >= 20 expected.
        var obs = new List<long>(); var exp = new List<double>();
        double pk = Math.Exp(-lambda), cum = 0; long o = 0; double e = 0;
        for (int k = 0; k <= kmax; k++)
        {
            if (k > 0) pk *= lambda / k;
            cum += pk; o += counts[k]; e += N * pk;
            if (e >= 20) { obs.Add(o); exp.Add(e); o = 0; e = 0; }
        }
        o += counts[kmax + 1]; e += N * (1 - cum);
        obs[^1] += o; exp[^1] += e;
        double chi = Stats.ChiSquare(obs.ToArray(), exp.ToArray());
        Assert.True(chi < Stats.ChiSquareCritical(obs.Count - 1), $"chi2={chi}, df={obs.Count - 1}");
    }

    [Theory]
    [InlineData(0.3, 2.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(2.5, 1.0)]
    [InlineData(20.0, 3.0)]
    public void GammaMeanAndVariance(double shape, double scale)
    {
        var s = new RandomStream(9, (ulong)(shape * 10));
        var x = Stats.Draw(N, () => s.NextGamma(shape, scale));
        Assert.True(x.All(v => v >= 0));
        // mean k theta, var k theta^2, mu4 3k(k+2) theta^4
        Stats.AssertMoments(x, shape * scale, shape * scale * scale, 3 * shape * (shape + 2) * Math.Pow(scale, 4));
    }

    [Fact]
    public void GammaDistributionsByKs()
    {
        var s = new RandomStream(10);
        // Gamma(1, 1/r) is Exponential(r): checks the main Marsaglia-Tsang path.
        var g1 = Stats.Draw(N, () => s.NextGamma(1.0, 0.5));
        Assert.True(Stats.KolmogorovSmirnov(g1, v => 1 - Math.Exp(-2 * v)) < Stats.KsCritical(N));
        // Gamma(1/2, 2) is chi-square(1), the law of Z^2, CDF erf(sqrt(x/2)): checks the shape < 1 boost.
        var g2 = Stats.Draw(N, () => s.NextGamma(0.5, 2.0));
        Assert.True(Stats.KolmogorovSmirnov(g2, v => SpecialFunctions.Erf(Math.Sqrt(v / 2))) < Stats.KsCritical(N));
    }

    [Fact]
    public void IntegersInRangeAreUniform()
    {
        var s = new RandomStream(11);
        var counts = new long[7];
        for (int i = 0; i < 70_000; i++)
        {
            int v = s.NextInt(-3, 4);
            if (v < -3 || v > 3) Assert.Fail($"NextInt(-3, 4) returned {v}");
            counts[v + 3]++;
        }
        Assert.True(Stats.ChiSquare(counts, Enumerable.Repeat(10_000.0, 7).ToArray()) < Stats.ChiSquareCritical(6));
        // A span wider than int.MaxValue takes the 64-bit path.
        for (int i = 0; i < 1000; i++) Assert.InRange(s.NextInt(int.MinValue, int.MaxValue), int.MinValue, int.MaxValue - 1);
        var big = Stats.Draw(N, () => s.NextLong(1L << 40) / (double)(1L << 40));
        Assert.True(Stats.KolmogorovSmirnov(big, v => v) < Stats.KsCritical(N));
    }

    [Fact]
    public void PermutationsArePermutationsAndUniform()
    {
        var s = new RandomStream(12);
        for (int n = 0; n < 50; n++)
        {
            var p = s.Permutation(n);
            var sorted = (int[])p.Clone();
            Array.Sort(sorted);
            Assert.Equal(Enumerable.Range(0, n), sorted);
        }
        // All 6 orders of 3 items equally likely.
        var counts = new long[6];
        var index = new Dictionary<string, int>();
        for (int i = 0; i < 60_000; i++)
        {
            string key = string.Join(",", s.Permutation(3));
            if (!index.TryGetValue(key, out int k)) index[key] = k = index.Count;
            counts[k]++;
        }
        Assert.Equal(6, index.Count);
        Assert.True(Stats.ChiSquare(counts, Enumerable.Repeat(10_000.0, 6).ToArray()) < Stats.ChiSquareCritical(5));
    }

    [Theory]
    [InlineData(1000, 10)]   // Floyd's algorithm
    [InlineData(20, 15)]     // dense partial Fisher-Yates
    [InlineData(5, 5)]
    public void SamplingWithoutReplacementHasNoDuplicatesAndUniformInclusion(int n, int k)
    {
        var s = new RandomStream(13);
        var inclusion = new long[n];
        var firstSlot = new long[n];
        int reps = 20_000;
        for (int r = 0; r < reps; r++)
        {
            var x = s.SampleWithoutReplacement(n, k);
            if (x.Length != k) Assert.Fail($"length {x.Length}");
            var seen = new bool[n];
            foreach (var v in x)
            {
                if (v < 0 || v >= n || seen[v]) Assert.Fail($"value {v} out of range or repeated");
                seen[v] = true;
                inclusion[v]++;
            }
            firstSlot[x[0]]++;
        }
        // Every element is included with probability k/n, and the order is random: the first slot is uniform.
        if (k < n)
            {
            // Inclusion counts are Binomial(reps, k/n) with negative correlation: the statistic has mean n-k,
            // so it is rescaled to the chi-square(n-1) scale.
            double chi = Stats.ChiSquare(inclusion, Enumerable.Repeat(reps * (double)k / n, n).ToArray());
            Assert.True(chi * (n - 1) / (n - k) < Stats.ChiSquareCritical(n - 1), $"chi2={chi}");
        }
        Assert.True(Stats.ChiSquare(firstSlot, Enumerable.Repeat(reps / (double)n, n).ToArray()) < Stats.ChiSquareCritical(n - 1));
    }

    [Fact]
    public void InvalidParametersThrowNamingTheValue()
    {
        var s = new RandomStream(1);
        AssertThrows(() => s.NextBernoulli(1.5), "p", "1.5");
        AssertThrows(() => s.NextBernoulli(double.NaN), "p", "NaN");
        AssertThrows(() => s.NextExponential(-2), "rate", "-2");
        AssertThrows(() => s.NextPoisson(-1), "lambda", "-1");
        AssertThrows(() => s.NextGamma(0), "shape", "0");
        AssertThrows(() => s.NextGamma(2, -1), "scale", "-1");
        AssertThrows(() => s.NextNormal(0, 0), "std", "0");
        AssertThrows(() => s.NextLogNormal(0, -1), "sigma", "-1");
        AssertThrows(() => s.NextUniform(3, 1), "high", "low=3");
        AssertThrows(() => s.NextInt(5, 5), "maxExclusive", "[5, 5)");
        AssertThrows(() => s.SampleWithoutReplacement(3, 4), "k", "k=4");
        AssertThrows(() => s.Permutation(-1), "n", "-1");
    }

    internal static void AssertThrows(Action a, string param, string valueText)
    {
        var e = Assert.ThrowsAny<ArgumentException>(a);
        Assert.Equal(param, e.ParamName);
        Assert.Contains(valueText, e.Message);
    }

    [Fact]
    public void StreamsAreReproducibleAndDistinct()
    {
        var a = new RandomStream(42, 1);
        var b = new RandomStream(42, 1);
        var c = new RandomStream(42, 2);
        var xa = Stats.Draw(100, () => a.NextGamma(0.7));
        var xb = Stats.Draw(100, () => b.NextGamma(0.7));
        var xc = Stats.Draw(100, () => c.NextGamma(0.7));
        Assert.Equal(xa, xb);
        Assert.NotEqual(xa, xc);
        // The state is only the position: resuming mid-stream continues exactly.
        var d = new RandomStream(42, 1, a.Position);
        Assert.Equal(a.NextPoisson(50), d.NextPoisson(50));
    }
}
