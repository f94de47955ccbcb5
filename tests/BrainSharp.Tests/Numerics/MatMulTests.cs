using BrainSharp.Numerics;

namespace BrainSharp.Tests.Numerics;

public class MatMulTests
{
    private static double[] NaiveMatMul(double[] a, double[] b, int m, int k, int n, int offA = 0, int offB = 0)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[offA + i * k + p] * b[offB + p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 13, 5)]
    [InlineData(17, 1, 9)]
    [InlineData(3, 31, 33)]
    [InlineData(65, 7, 1)]
    public void MatMul_matches_naive_loops_on_odd_shapes(int m, int k, int n)
    {
        var r = new System.Random(m * 1000 + k * 10 + n);
        var a = Naive.Random(r, [m, k]);
        var b = Naive.Random(r, [k, n]);
        var c = a.MatMul(b);
        Assert.Equal(new[] { m, n }, c.Shape);
        var want = NaiveMatMul(a.Data, b.Data, m, k, n);
        for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], c.Data[i], 1e-12);

        var af = Tensor<float>.FromArray(a.Data.Select(v => (float)v).ToArray(), m, k);
        var bf = Tensor<float>.FromArray(b.Data.Select(v => (float)v).ToArray(), k, n);
        var cf = af.MatMul(bf);
        for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], cf.Data[i], 1e-3);
    }

    [Fact]
    public void Batched_matmul_broadcasts_batch_axes()
    {
        var r = new System.Random(3);
        var a = Naive.Random(r, [2, 1, 3, 4]);
        var b = Naive.Random(r, [5, 4, 2]);
        var c = a.MatMul(b);
        Assert.Equal(new[] { 2, 5, 3, 2 }, c.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 5; j++)
            {
                var want = NaiveMatMul(a.Data, b.Data, 3, 4, 2, i * 12, j * 8);
                for (int q = 0; q < 6; q++) Assert.Equal(want[q], c.Data[(i * 5 + j) * 6 + q], 1e-12);
            }
    }

    [Fact]
    public void Matrix_vector_product()
    {
        var a = Tensor<double>.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3);
        var v = Tensor<double>.FromArray([1.0, 0, -1]);
        var y = a.MatMul(v);
        Assert.Equal(new[] { 2 }, y.Shape);
        Assert.Equal(new[] { -2.0, -2.0 }, y.Data);
    }
}
