using BrainSharp.Numerics;
using CsCheck;

namespace BrainSharp.Tests.Numerics;

public class ReductionTests
{
    private static readonly Gen<(int[] Shape, int Axis, bool Keep, int Seed)> Cases =
        Gen.Int[1, 5].Array[1, 4].SelectMany(s => Gen.Select(Gen.Int[0, s.Length - 1], Gen.Bool, Gen.Int, (a, k, seed) => (s, a, k, seed)));

    /// <summary>Naive reduction over one axis by index arithmetic.</summary>
    private static double[] Naive1(Tensor<double> x, int axis, Func<IEnumerable<double>, double> f)
    {
        var outShape = (int[])x.Shape.Clone();
        outShape[axis] = 1;
        var result = new double[Naive.Product(outShape)];
        for (int o = 0; o < result.Length; o++)
        {
            var idx = Naive.Unravel(o, outShape);
            var vals = new List<double>();
            for (int k = 0; k < x.Shape[axis]; k++) { idx[axis] = k; vals.Add(x.Data[Naive.Ravel(idx, x.Shape)]); }
            result[o] = f(vals);
        }
        return result;
    }

    [Fact]
    public void Axis_reductions_match_naive_loops()
    {
        Cases.Sample((shape, axis, keep, seed) =>
        {
            var x = Naive.Random(new System.Random(seed), shape);
            var expectShape = keep ? shape.Select((d, i) => i == axis ? 1 : d).ToArray() : shape.Where((d, i) => i != axis).ToArray();
            void Check(Tensor<double> got, double[] want)
            {
                Assert.Equal(expectShape, got.Shape);
                for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], got.Data[i], 1e-12);
            }
            Check(x.Sum(axis, keep), Naive1(x, axis, v => v.Sum()));
            Check(x.Mean(axis, keep), Naive1(x, axis, v => v.Average()));
            Check(x.Max(axis, keep), Naive1(x, axis, v => v.Max()));
            Check(x.Min(axis, keep), Naive1(x, axis, v => v.Min()));
            Check(x.LogSumExp(axis, keep), Naive1(x, axis, v => Math.Log(v.Sum(Math.Exp))));
            // negative axis means the same axis
            Assert.Equal(x.Sum(axis, keep).Data, x.Sum(axis - shape.Length, keep).Data);
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Multi_axis_and_full_reductions_match_naive_loops()
    {
        Gen.Int[1, 4].Array[3].Select(Gen.Int).Sample((shape, seed) =>
        {
            var x = Naive.Random(new System.Random(seed), shape);
            var s02 = x.Sum([0, 2]);
            Assert.Equal(new[] { shape[1] }, s02.Shape);
            for (int j = 0; j < shape[1]; j++)
            {
                double acc = 0;
                for (int i = 0; i < shape[0]; i++) for (int k = 0; k < shape[2]; k++) acc += x[i, j, k];
                Assert.Equal(acc, s02.Data[j], 1e-12);
            }
            Assert.Equal(x.Data.Sum(), x.Sum().ToScalar(), 1e-12);
            Assert.Empty(x.Sum().Shape);
            Assert.Equal(x.Data.Max(), x.Max().ToScalar());
            Assert.Equal(x.Data.Min(), x.Min().ToScalar());
            Assert.Equal(Math.Log(x.Data.Sum(Math.Exp)), x.LogSumExp().ToScalar(), 1e-12);
            Assert.Equal(new[] { 1, 1, 1 }, x.Mean([0, 1, 2], keepDims: true).Shape);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_logsumexp_is_stable()
    {
        var x = Tensor<double>.FromArray([1000.0, 1001, 1002, -5, 0, 5], 2, 3);
        var p = x.Softmax(1);
        for (int r = 0; r < 2; r++) Assert.Equal(1.0, p[r, 0] + p[r, 1] + p[r, 2], 1e-14);
        double e = Math.Exp(-1), e2 = Math.Exp(-2);
        Assert.Equal(1 / (1 + e + e2), p[0, 2], 1e-14);
        Assert.Equal(1002 + Math.Log(1 + e + e2), x.LogSumExp(1).Data[0], 1e-12);
        var lsm = x.LogSoftmax(1);
        Assert.Equal(Math.Log(p[1, 0]), lsm[1, 0], 1e-12);
        var inf = Tensor<double>.Full(double.NegativeInfinity, 3);
        Assert.Equal(double.NegativeInfinity, inf.LogSumExp().ToScalar());
    }

    [Fact]
    public void Bad_axis_is_rejected_with_op_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor<double>.Zeros(2, 3).Sum(2));
        Assert.Contains("Sum: axis 2 is out of range for shape [2, 3]", ex.Message);
    }
}
