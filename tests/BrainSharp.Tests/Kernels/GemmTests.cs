using System.Numerics;
using BrainSharp.Numerics.Kernels;
using CsCheck;

namespace BrainSharp.Tests.Kernels;

public class GemmTests
{
    /// <summary>Naive triple loop in double (independent of the blocked kernel), same BLAS semantics.</summary>
    internal static double[] Naive<T>(T[] a, T[] b, T[] c, int m, int n, int k, bool ta, bool tb, double alpha, double beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += double.CreateTruncating(ta ? a[p * m + i] : a[i * k + p]) * double.CreateTruncating(tb ? b[j * k + p] : b[p * n + j]);
                r[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * double.CreateTruncating(c[i * n + j]));
            }
        return r;
    }

    internal static T[] Rand<T>(System.Random rng, int len) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[len];
        for (int i = 0; i < len; i++) x[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        return x;
    }

    private static void AssertClose<T>(double[] expected, T[] actual, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Entries are sums of k products of numbers in [-1, 1]: the rounding error grows at most like k * eps.
        double eps = typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16;
        double tol = 4 * (k + 2) * eps;
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - double.CreateTruncating(actual[i]));
            if (!(d <= tol))
                Assert.Fail($"element {i}: expected {expected[i]}, got {actual[i]} (|diff| {d:g3} > tol {tol:g3})");
        }
    }

    private static void Check<T>(int m, int n, int k, bool ta, bool tb, double alpha, double beta, int seed, GemmPath path = GemmPath.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random(seed);
        T[] a = Rand<T>(rng, m * k), b = Rand<T>(rng, k * n), c = Rand<T>(rng, m * n);
        var expected = Naive(a, b, c, m, n, k, ta, tb, alpha, beta);
        if (path == GemmPath.Auto)
            Gemm.Multiply<T>(a, b, c, m, n, k, ta, tb, T.CreateTruncating(alpha), T.CreateTruncating(beta));
        else
            Gemm.MultiplyOnPath<T>(a, b, c, m, n, k, ta, tb, T.CreateTruncating(alpha), T.CreateTruncating(beta), path);
        AssertClose(expected, c, k);
    }

    public static TheoryData<int, int, int> OddShapes => new()
    {
        { 1, 1, 1 }, { 1, 17, 3 }, { 3, 1, 65 }, { 6, 16, 1 }, { 7, 17, 5 }, { 17, 3, 130 },
        { 65, 33, 17 }, { 130, 65, 7 }, { 13, 130, 300 }, { 150, 20, 260 }, { 5, 40, 513 },
    };

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Float_AllTransposes_MatchNaive(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Check<float>(m, n, k, ta, tb, 1, 0, seed: m * 1000 + n * 10 + k);
    }

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Double_AllTransposes_AlphaBeta_MatchNaive(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Check<double>(m, n, k, ta, tb, -0.75, 0.5, seed: m * 7 + n * 13 + k);
    }

    [Theory]
    [InlineData((int)GemmPath.Vector512)]
    [InlineData((int)GemmPath.Vector256)]
    [InlineData((int)GemmPath.VectorT)]
    public void EveryVectorPath_MatchesNaive(int pathId)
    {
        var path = (GemmPath)pathId;
        // Paths that are not hardware accelerated run in software emulation: still exact, only slow.
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                Check<float>(37, 70, 259, ta, tb, 2, 1, seed: 5, path);
                Check<double>(19, 33, 41, ta, tb, 1, -1, seed: 6, path);
            }
    }

    [Fact]
    public void RandomShapes_Property()
    {
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 70], Gen.Int[1, 300], Gen.Bool, Gen.Bool, Gen.Int[0, 3])
            .Sample(t =>
            {
                var (m, n, k, ta, tb, ab) = t;
                double alpha = ab switch { 0 => 1, 1 => 0.5, 2 => -2, _ => 1 };
                double beta = ab switch { 0 => 0, 1 => 1, 2 => 0.25, _ => -1 };
                Check<float>(m, n, k, ta, tb, alpha, beta, seed: m + 100 * n + 10000 * k);
            }, iter: 60);
    }

    [Fact]
    public void BetaZero_DoesNotReadC()
    {
        int m = 9, n = 20, k = 11;
        var rng = new System.Random(3);
        float[] a = Rand<float>(rng, m * k), b = Rand<float>(rng, k * n), c = new float[m * n];
        Array.Fill(c, float.NaN);
        var expected = Naive(a, b, new float[m * n], m, n, k, false, false, 1, 0);
        Gemm.Multiply<float>(a, b, c, m, n, k);
        AssertClose(expected, c, k);
    }

    [Fact]
    public void ZeroDepth_ScalesCByBeta()
    {
        double[] c = { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply<double>(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, c, 2, 3, 0, beta: 3.0);
        Assert.Equal(new double[] { 3, 6, 9, 12, 15, 18 }, c);
        Gemm.Multiply<double>(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, c, 2, 3, 0);
        Assert.All(c, x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void AlphaZero_ScalesCByBetaWithoutReadingAOrB()
    {
        var nan = new float[4 * 5];
        Array.Fill(nan, float.NaN);
        float[] c = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        Gemm.Multiply<float>(nan, nan, c, 4, 4, 5, alpha: 0f, beta: 2f);
        for (int i = 0; i < c.Length; i++) Assert.Equal(2f * (i + 1), c[i]);
    }

    [Theory]
    [InlineData(130, 70, 300, false, false)]
    [InlineData(7, 1000, 65, false, true)]
    [InlineData(257, 31, 129, true, false)]
    [InlineData(3, 5, 2000, true, true)]
    [InlineData(4, 3000, 400, false, false)]
    [InlineData(5, 2500, 300, true, true)]
    public void Parallel_IsBitwiseEqualToSingleThreaded(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new System.Random(m + n + k);
        float[] a = Rand<float>(rng, m * k), b = Rand<float>(rng, k * n), c0 = Rand<float>(rng, m * n);
        float[] serial = (float[])c0.Clone();
        Gemm.Multiply<float>(a, b, serial, m, n, k, ta, tb, 1.5f, 0.5f);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            float[] par = (float[])c0.Clone();
            Gemm.MultiplyParallel<float>(a, b, par, m, n, k, ta, tb, 1.5f, 0.5f, threads);
            Assert.Equal(serial, par);
        }
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    public void Batched_MatchesPerItemMultiply(bool shareA, bool shareB, bool parallel)
    {
        int batch = 5, m = 7, n = 19, k = 33;
        var rng = new System.Random(11);
        double[] a = Rand<double>(rng, (shareA ? 1 : batch) * m * k), b = Rand<double>(rng, (shareB ? 1 : batch) * k * n);
        double[] c = Rand<double>(rng, batch * m * n), expected = (double[])c.Clone();
        for (int i = 0; i < batch; i++)
            Gemm.Multiply<double>(a.AsSpan(shareA ? 0 : i * m * k, m * k), b.AsSpan(shareB ? 0 : i * k * n, k * n),
                expected.AsSpan(i * m * n, m * n), m, n, k, transA: true, transB: false, alpha: 2.0, beta: 1.0);
        Gemm.MultiplyBatched<double>(a, b, c, batch, m, n, k, transA: true, transB: false, alpha: 2.0, beta: 1.0,
            shareA: shareA, shareB: shareB, parallel: parallel);
        Assert.Equal(expected, c);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var x = new float[12];
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(x, x, new float[11], 3, 4, 3));
        Assert.Contains("Gemm.Multiply", e.Message);
        Assert.Contains("c has 11", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply<float>(x, x, x, -1, 4, 3));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(new float[5], x, x, 3, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyParallel<float>(x, x, x, 3, 4, 3, maxDegreeOfParallelism: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyBatched<float>(x, x, x, -2, 1, 1, 1));
    }
}
