using System.Runtime.InteropServices;
using BrainSharp.Random;

namespace BrainSharp.Tests.Random;

public class RandomFillTests
{
    private const int N = 20_000; // several 8192-element chunks, so 2 threads really split the work

    private static void AssertThreadIndependent<T>(Action<T[], int> fill) where T : unmanaged
    {
        var one = new T[N];
        var two = new T[N];
        var all = new T[N];
        fill(one, 1);
        fill(two, 2);
        fill(all, 0);
        // Bitwise comparison (xunit's element-wise Assert.Equal is slow on large arrays).
        Assert.True(MemoryMarshal.AsBytes(one.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(two.AsSpan())), $"{typeof(T).Name}: 1 vs 2 threads differ");
        Assert.True(MemoryMarshal.AsBytes(one.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(all.AsSpan())), $"{typeof(T).Name}: 1 vs all threads differ");
    }

    [Fact]
    public void EveryFillIsIdenticalOnOneAndTwoThreads()
    {
        AssertThreadIndependent<double>((a, t) => RandomFill.Uniform(5, 1, a, -1, 2, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.Uniform(5, 1, a, -1f, 2f, maxThreads: t));
        AssertThreadIndependent<double>((a, t) => RandomFill.Normal(5, 2, a, 1, 3, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.Normal(5, 2, a, 1, 3, maxThreads: t));
        AssertThreadIndependent<double>((a, t) => RandomFill.LogNormal(5, 3, a, 0, 0.5, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.LogNormal(5, 3, a, 0, 0.5, maxThreads: t));
        AssertThreadIndependent<double>((a, t) => RandomFill.Bernoulli(5, 4, a, 0.2, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.Bernoulli(5, 4, a, 0.2, maxThreads: t));
        AssertThreadIndependent<double>((a, t) => RandomFill.Exponential(5, 5, a, 2, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.Exponential(5, 5, a, 2, maxThreads: t));
        AssertThreadIndependent<double>((a, t) => RandomFill.Gamma(5, 6, a, 0.4, 2, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.Gamma(5, 6, a, 3.5, 2, maxThreads: t));
        AssertThreadIndependent<double>((a, t) => RandomFill.Poisson(5, 7, a, 30, maxThreads: t));
        AssertThreadIndependent<float>((a, t) => RandomFill.Poisson(5, 7, a, 2, maxThreads: t));
        AssertThreadIndependent<int>((a, t) => RandomFill.Poisson(5, 7, a, 200, maxThreads: t));
        AssertThreadIndependent<int>((a, t) => RandomFill.Integers(5, 8, a, -10, 10, maxThreads: t));
    }

    [Fact]
    public void ElementIsAPureFunctionOfSeedStreamAndIndex()
    {
        var a = new double[N];
        RandomFill.Gamma(9, 3, a, 0.7, 1.5, maxThreads: 2);
        for (int i = 0; i < N; i += 977)
        {
            var s = RandomStream.ForElement(9, 3, (ulong)i);
            Assert.Equal(s.NextGamma(0.7, 1.5), a[i]);
        }
        // Filling in two pieces with firstIndex gives the same array as one fill.
        var b = new double[N];
        RandomFill.Gamma(9, 3, b.AsSpan(0, 12_345), 0.7, 1.5);
        RandomFill.Gamma(9, 3, b.AsSpan(12_345), 0.7, 1.5, firstIndex: 12_345);
        Assert.True(a.AsSpan().SequenceEqual(b));
        // Another stream gives other numbers.
        var c = new double[N];
        RandomFill.Gamma(9, 4, c, 0.7, 1.5);
        Assert.False(a.AsSpan().SequenceEqual(c));
    }

    [Fact]
    public void FilledValuesHaveTheRightDistribution()
    {
        var u = new double[N];
        RandomFill.Uniform(1, 1, u, 2, 5);
        Assert.True(Stats.KolmogorovSmirnov(u, v => (v - 2) / 3) < Stats.KsCritical(N));

        var uf = new float[N];
        RandomFill.Uniform(1, 2, uf, 2f, 5f);
        Assert.True(uf.All(v => v >= 2f && v < 5f));
        Assert.True(Stats.KolmogorovSmirnov(uf.Select(v => (double)v).ToArray(), v => (v - 2) / 3) < Stats.KsCritical(N));

        var z = new float[N];
        RandomFill.Normal(1, 3, z, -1, 0.5);
        Assert.True(Stats.KolmogorovSmirnov(z.Select(v => (double)v).ToArray(), v => SpecialFunctions.NormalCdf((v + 1) / 0.5)) < Stats.KsCritical(N));

        var e = new double[N];
        RandomFill.Exponential(1, 4, e, 0.25);
        Assert.True(Stats.KolmogorovSmirnov(e, v => 1 - Math.Exp(-0.25 * v)) < Stats.KsCritical(N));

        var p = new double[N];
        RandomFill.Poisson(1, 5, p, 12);
        Stats.AssertMoments(p, 12, 12, 12 * (1 + 36));

        var g = new double[N];
        RandomFill.Gamma(1, 6, g, 4, 0.5);
        Stats.AssertMoments(g, 2, 1, 3 * 4 * 6 * Math.Pow(0.5, 4));

        var b = new float[N];
        RandomFill.Bernoulli(1, 7, b, 0.1);
        Stats.AssertMoments(b.Select(v => (double)v).ToArray(), 0.1, 0.09, 0.09 * (1 - 3 * 0.09));
    }

    [Fact]
    public void InvalidParametersThrow()
    {
        var a = new double[4];
        DistributionTests.AssertThrows(() => RandomFill.Bernoulli(1, 1, a, -0.1), "p", "-0.1");
        DistributionTests.AssertThrows(() => RandomFill.Exponential(1, 1, a, 0), "rate", "0");
        DistributionTests.AssertThrows(() => RandomFill.Poisson(1, 1, a, double.PositiveInfinity), "lambda", "got");
        DistributionTests.AssertThrows(() => RandomFill.Gamma(1, 1, a, -3), "shape", "-3");
        DistributionTests.AssertThrows(() => RandomFill.Normal(1, 1, a, 0, -1), "std", "-1");
        DistributionTests.AssertThrows(() => RandomFill.Uniform(1, 1, a, 1, 1), "high", "high=1");
        DistributionTests.AssertThrows(() => RandomFill.Uniform(1, 1, a, firstIndex: uint.MaxValue), "firstIndex", "exceed");
        DistributionTests.AssertThrows(() => RandomFill.Uniform(1, 1, a, maxThreads: -1), "maxThreads", "-1");
    }
}
