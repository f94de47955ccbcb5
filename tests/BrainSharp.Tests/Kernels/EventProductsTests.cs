using System.Numerics;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Tests.Kernels;

public class EventProductsTests
{
    /// <summary>A random problem: CSR connectivity with probability p, its dense equivalent, spikes with an all-zero
    /// row (b = 0), an all-one row (b = 1), binary rows and graded (non-binary) rows.</summary>
    private sealed class Problem<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int Batch, NPre, NPost;
        public int[] RowPtr = null!, Post = null!;
        public T[] Values = null!, Dense = null!, Spikes = null!, GradOut = null!;

        public Problem(int batch, int nPre, int nPost, double p, double density, int seed)
        {
            Batch = batch; NPre = nPre; NPost = nPost;
            var rng = new System.Random(seed);
            var rp = new List<int> { 0 }; var post = new List<int>(); var vals = new List<T>();
            Dense = new T[nPre * nPost];
            for (int i = 0; i < nPre; i++)
            {
                for (int j = 0; j < nPost; j++)
                    if (rng.NextDouble() < p)
                    {
                        T w = T.CreateTruncating(rng.NextDouble() * 2 - 1);
                        post.Add(j); vals.Add(w); Dense[i * nPost + j] = w;
                    }
                rp.Add(post.Count);
            }
            RowPtr = rp.ToArray(); Post = post.ToArray(); Values = vals.ToArray();
            Spikes = new T[batch * nPre];
            for (int b = 0; b < batch; b++)
                for (int i = 0; i < nPre; i++)
                    Spikes[b * nPre + i] = b switch
                    {
                        0 => T.Zero,
                        1 => T.One,
                        _ when b % 2 == 0 => rng.NextDouble() < density ? T.One : T.Zero,
                        _ => rng.NextDouble() < density ? T.CreateTruncating(rng.NextDouble() * 3 - 1) : T.Zero,
                    };
            GradOut = GemmTests.Rand<T>(rng, batch * nPost);
        }

        public double S(int b, int i) => double.CreateTruncating(Spikes[b * NPre + i]);
        public double W(int i, int j) => double.CreateTruncating(Dense[i * NPost + j]);
        public double G(int b, int j) => double.CreateTruncating(GradOut[b * NPost + j]);
    }

    private static void Close<T>(double expected, T actual, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = typeof(T) == typeof(float) ? 1e-5 : 1e-12;
        double d = Math.Abs(expected - double.CreateTruncating(actual));
        Assert.True(d <= eps * (1 + scale), $"expected {expected}, got {actual}");
    }

    public static TheoryData<int, int, int, double, double> Shapes => new()
    {
        { 4, 37, 53, 0.3, 0.2 }, { 3, 1, 1, 1.0, 0.5 }, { 6, 65, 130, 0.1, 0.05 }, { 2, 17, 3, 0.5, 1.0 }, { 5, 100, 0, 0.5, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_AllProducts_MatchNaive(int batch, int nPre, int nPost, double p, double density) =>
        AllProductsMatchNaive<float>(batch, nPre, nPost, p, density);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_AllProducts_MatchNaive(int batch, int nPre, int nPost, double p, double density) =>
        AllProductsMatchNaive<double>(batch, nPre, nPost, p, density);

    private static void AllProductsMatchNaive<T>(int batch, int nPre, int nPost, double p, double density)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var P = new Problem<T>(batch, nPre, nPost, p, density, seed: nPre * 31 + nPost);
        var yDense = new T[batch * nPost]; var yCsr = new T[batch * nPost];
        EventProducts.DenseMultiply<T>(P.Spikes, P.Dense, yDense, batch, nPre, nPost);
        EventProducts.CsrMultiply<T>(P.Spikes, P.RowPtr, P.Post, P.Values, yCsr, batch, nPre, nPost);
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < nPost; j++)
            {
                double e = 0;
                for (int i = 0; i < nPre; i++) e += P.S(b, i) * P.W(i, j);
                Close(e, yDense[b * nPost + j], nPre);
                Close(e, yCsr[b * nPost + j], nPre);
                if (b == 0) Assert.Equal(T.Zero, yDense[j]);
            }

        var dW = new T[nPre * nPost]; var dV = new T[P.Values.Length];
        EventProducts.DenseWeightGradient<T>(P.Spikes, P.GradOut, dW, batch, nPre, nPost);
        EventProducts.CsrWeightGradient<T>(P.Spikes, P.RowPtr, P.Post, P.GradOut, dV, batch, nPre, nPost);
        for (int i = 0; i < nPre; i++)
            for (int j = 0; j < nPost; j++)
            {
                double e = 0;
                for (int b = 0; b < batch; b++) e += P.S(b, i) * P.G(b, j);
                Close(e, dW[i * nPost + j], batch);
            }
        for (int i = 0; i < nPre; i++)
            for (int q = P.RowPtr[i]; q < P.RowPtr[i + 1]; q++)
                Close(double.CreateTruncating(dW[i * nPost + P.Post[q]]), dV[q], batch);

        var gsDense = new T[batch * nPre]; var gsCsr = new T[batch * nPre];
        EventProducts.DenseSpikeGradient<T>(P.Dense, P.GradOut, gsDense, batch, nPre, nPost);
        EventProducts.CsrSpikeGradient<T>(P.RowPtr, P.Post, P.Values, P.GradOut, gsCsr, batch, nPre, nPost);
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < nPre; i++)
            {
                double e = 0;
                for (int j = 0; j < nPost; j++) e += P.W(i, j) * P.G(b, j);
                Close(e, gsDense[b * nPre + i], nPost);
                Close(e, gsCsr[b * nPre + i], nPost);
            }
    }

    [Fact]
    public void Accumulate_AddsToExistingOutputs()
    {
        var P = new Problem<double>(4, 23, 41, 0.4, 0.3, seed: 2);
        int B = P.Batch, nPre = P.NPre, nPost = P.NPost;
        var rng = new System.Random(9);
        void Check(Action<double[], bool> run, int len)
        {
            double[] init = GemmTests.Rand<double>(rng, len), fresh = new double[len], acc = (double[])init.Clone();
            run(fresh, false);
            run(acc, true);
            for (int i = 0; i < len; i++) Assert.Equal(init[i] + fresh[i], acc[i], 12);
        }
        Check((o, a) => EventProducts.DenseMultiply<double>(P.Spikes, P.Dense, o, B, nPre, nPost, a), B * nPost);
        Check((o, a) => EventProducts.CsrMultiply<double>(P.Spikes, P.RowPtr, P.Post, P.Values, o, B, nPre, nPost, a), B * nPost);
        Check((o, a) => EventProducts.DenseWeightGradient<double>(P.Spikes, P.GradOut, o, B, nPre, nPost, a), nPre * nPost);
        Check((o, a) => EventProducts.CsrWeightGradient<double>(P.Spikes, P.RowPtr, P.Post, P.GradOut, o, B, nPre, nPost, a), P.Values.Length);
        Check((o, a) => EventProducts.DenseSpikeGradient<double>(P.Dense, P.GradOut, o, B, nPre, nPost, a), B * nPre);
        Check((o, a) => EventProducts.CsrSpikeGradient<double>(P.RowPtr, P.Post, P.Values, P.GradOut, o, B, nPre, nPost, a), B * nPre);
    }

    [Fact]
    public void SilentPreNeurons_AreNeverRead()
    {
        // Weight rows of neurons that never spike are NaN: an implementation that multiplies the whole
        // matrix (0 * NaN = NaN) fails this; an event-driven one never touches those rows.
        var P = new Problem<float>(3, 40, 70, 0.5, 0.1, seed: 4);
        int B = P.Batch, nPre = P.NPre, nPost = P.NPost;
        // Only row 2 spikes, on every third neuron; the others are silent.
        Array.Clear(P.Spikes);
        for (int i = 0; i < nPre; i += 3) P.Spikes[2 * nPre + i] = 1;
        var silent = new bool[nPre];
        for (int i = 0; i < nPre; i++) silent[i] = i % 3 != 0;
        for (int i = 0; i < nPre; i++)
            if (silent[i])
            {
                for (int j = 0; j < nPost; j++) P.Dense[i * nPost + j] = float.NaN;
                for (int q = P.RowPtr[i]; q < P.RowPtr[i + 1]; q++) P.Values[q] = float.NaN;
            }
        var y = new float[B * nPost];
        EventProducts.DenseMultiply<float>(P.Spikes, P.Dense, y, B, nPre, nPost);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
        EventProducts.CsrMultiply<float>(P.Spikes, P.RowPtr, P.Post, P.Values, y, B, nPre, nPost);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));

        // Weight gradient rows of silent neurons keep their previous contents exactly.
        var dW = new float[nPre * nPost];
        Array.Fill(dW, 7f);
        EventProducts.DenseWeightGradient<float>(P.Spikes, P.GradOut, dW, B, nPre, nPost, accumulate: true);
        for (int i = 0; i < nPre; i++)
            for (int j = 0; j < nPost; j++)
                if (silent[i]) Assert.Equal(7f, dW[i * nPost + j]);
                else Assert.Equal(7f + P.GradOut[2 * nPost + j], dW[i * nPost + j], 5);
    }

    [Fact]
    public void WeightGradient_MatchesFiniteDifferences()
    {
        // L(W) = sum_b,j gOut[b,j] * (s W)[b,j]; dL/dW and dL/ds by central differences on the forward kernels.
        var P = new Problem<double>(3, 11, 9, 0.6, 0.5, seed: 8);
        int B = P.Batch, nPre = P.NPre, nPost = P.NPost;
        double Loss(double[] s, double[] w)
        {
            var y = new double[B * nPost];
            EventProducts.DenseMultiply<double>(s, w, y, B, nPre, nPost);
            double l = 0;
            for (int i = 0; i < y.Length; i++) l += y[i] * P.GradOut[i];
            return l;
        }
        var dW = new double[nPre * nPost]; var gs = new double[B * nPre];
        EventProducts.DenseWeightGradient<double>(P.Spikes, P.GradOut, dW, B, nPre, nPost);
        EventProducts.DenseSpikeGradient<double>(P.Dense, P.GradOut, gs, B, nPre, nPost);
        const double h = 1e-5;
        for (int q = 0; q < dW.Length; q += 7)
        {
            var wp = (double[])P.Dense.Clone(); wp[q] += h;
            var wm = (double[])P.Dense.Clone(); wm[q] -= h;
            Assert.Equal((Loss(P.Spikes, wp) - Loss(P.Spikes, wm)) / (2 * h), dW[q], 7);
        }
        for (int q = 0; q < gs.Length; q += 2)
        {
            // Perturb only spikes that are nonzero (a zero spike is skipped, by design: it carries no event).
            if (P.Spikes[q] == 0) continue;
            var sp = (double[])P.Spikes.Clone(); sp[q] += h;
            var sm = (double[])P.Spikes.Clone(); sm[q] -= h;
            Assert.Equal((Loss(sp, P.Dense) - Loss(sm, P.Dense)) / (2 * h), gs[q], 7);
        }
    }

    [Fact]
    public void IndexListPushes_MatchBinarySpikeProducts()
    {
        var P = new Problem<float>(1, 50, 77, 0.3, 0.0, seed: 12);
        int[] active = { 0, 3, 4, 9, 10, 11, 12, 30, 49, 3 }; // repeated index = two spikes
        var spikes = new float[P.NPre];
        foreach (int i in active) spikes[i] += 1;
        var expected = new float[P.NPost];
        EventProducts.DenseMultiply<float>(spikes, P.Dense, expected, 1, P.NPre, P.NPost);
        var yd = new float[P.NPost]; var yc = new float[P.NPost];
        EventProducts.DenseAddRows<float>(active, P.Dense, yd, P.NPre, P.NPost);
        EventProducts.CsrAddRows<float>(active, P.RowPtr, P.Post, P.Values, yc);
        for (int j = 0; j < P.NPost; j++)
        {
            Assert.Equal(expected[j], yd[j], 5);
            Assert.Equal(expected[j], yc[j], 5);
        }
    }

    [Fact]
    public void RepeatedCalls_AllocateNothing()
    {
        // Training calls these once per time step: after the first call (which sizes the GEMM packing buffers)
        // they must not allocate.
        var P = new Problem<float>(8, 64, 96, 0.3, 0.2, seed: 21);
        int B = P.Batch, nPre = P.NPre, nPost = P.NPost;
        float[] y = new float[B * nPost], dW = new float[nPre * nPost], dV = new float[P.Values.Length], gs = new float[B * nPre];
        float[] c = new float[130 * 70], a = new float[130 * 300], b = new float[300 * 70];
        void Step()
        {
            EventProducts.DenseMultiply<float>(P.Spikes, P.Dense, y, B, nPre, nPost);
            EventProducts.CsrMultiply<float>(P.Spikes, P.RowPtr, P.Post, P.Values, y, B, nPre, nPost, accumulate: true);
            EventProducts.DenseWeightGradient<float>(P.Spikes, P.GradOut, dW, B, nPre, nPost);
            EventProducts.CsrWeightGradient<float>(P.Spikes, P.RowPtr, P.Post, P.GradOut, dV, B, nPre, nPost);
            EventProducts.DenseSpikeGradient<float>(P.Dense, P.GradOut, gs, B, nPre, nPost);
            EventProducts.CsrSpikeGradient<float>(P.RowPtr, P.Post, P.Values, P.GradOut, gs, B, nPre, nPost, accumulate: true);
            Gemm.Multiply<float>(a, b, c, 130, 70, 300, transA: false, transB: true, beta: 0.5f);
            Gemm.Multiply<float>(a, b, c, 3, 70, 300);
        }
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BadInput_ThrowsNamingOpAndParameter()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            EventProducts.DenseMultiply<float>(new float[6], new float[12], new float[7], 2, 3, 4));
        Assert.Contains("EventProducts.DenseMultiply", e.Message);
        Assert.Contains("output has 7", e.Message);
        var r = Assert.Throws<ArgumentException>(() =>
            EventProducts.CsrMultiply<float>(new float[2], new[] { 0, 1 }, new[] { 0 }, new float[1], new float[2], 1, 2, 2));
        Assert.Contains("rowPtr", r.Message);
        var v = Assert.Throws<ArgumentException>(() => EventProducts.ValidateCsr(new[] { 0, 1, 2 }, new[] { 0, 5 }, 2, 2, 3));
        Assert.Contains("postIndices[1] = 5", v.Message);
        Assert.Throws<ArgumentException>(() => EventProducts.ValidateCsr(new[] { 0, 2, 1, 2 }, new[] { 0, 1 }, 2, 3, 3));
        // A malformed index that slipped past validation throws rather than writing out of bounds.
        Assert.Throws<IndexOutOfRangeException>(() =>
            EventProducts.CsrMultiply<float>(new float[] { 1, 1 }, new[] { 0, 1, 2 }, new[] { 0, 9 }, new float[2], new float[3], 1, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            EventProducts.DenseAddRows<float>(new[] { 5 }, new float[6], new float[3], 2, 3));
    }
}
