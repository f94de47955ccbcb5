using BrainSharp.Numerics;
using CsCheck;

namespace BrainSharp.Tests.Numerics;

public class ShapeOpsTests
{
    private static readonly Gen<(int[] Shape, int[] Perm, int Seed)> Perms =
        Gen.Int[1, 4].Array[1, 5].SelectMany(s => Gen.Int.Select(seed =>
        {
            var p = Enumerable.Range(0, s.Length).ToArray();
            new System.Random(seed).Shuffle(p);
            return (s, p, seed);
        }));

    [Fact]
    public void Permute_matches_index_mapping_and_round_trips()
    {
        Perms.Sample((shape, perm, seed) =>
        {
            var x = Naive.Random(new System.Random(seed), shape);
            var y = x.Permute(perm);
            Assert.Equal(perm.Select(p => shape[p]).ToArray(), y.Shape);
            for (int i = 0; i < y.Size; i++)
            {
                var yi = Naive.Unravel(i, y.Shape);
                var xi = new int[shape.Length];
                for (int d = 0; d < perm.Length; d++) xi[perm[d]] = yi[d];
                Assert.Equal(x.Data[Naive.Ravel(xi, shape)], y.Data[i]);
            }
            var inv = new int[perm.Length];
            for (int d = 0; d < perm.Length; d++) inv[perm[d]] = d;
            Assert.Equal(x.Data, y.Permute(inv).Data);
            Assert.Equal(shape, y.Permute(inv).Shape);
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Reshape_round_trips_and_infers_minus_one()
    {
        Perms.Sample((shape, perm, seed) =>
        {
            var x = Naive.Random(new System.Random(seed), shape);
            var shuffled = perm.Select(p => shape[p]).ToArray();
            var y = x.Reshape(shuffled);
            Assert.Equal(x.Data, y.Data);
            Assert.Equal(shape, y.Reshape(shape).Shape);
            Assert.Equal(new[] { x.Size }, x.Reshape(-1).Shape);
            Assert.Equal(new[] { shape[0], x.Size / shape[0] }, x.Reshape(shape[0], -1).Shape);
        }, iter: 100, threads: 1);
        var ex = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(2, 3).Reshape(4, -1));
        Assert.Contains("Reshape: cannot reshape [2, 3]", ex.Message);
    }

    [Fact]
    public void Concat_stack_slice_agree_with_manual_layout()
    {
        var a = Tensor<double>.Arange(6).Reshape(2, 3);
        var b = (Tensor<double>.Arange(4) + 10.0).Reshape(2, 2);
        var c = Tensor<double>.Concat(1, a, b);
        Assert.Equal(new[] { 2, 5 }, c.Shape);
        Assert.Equal(new double[] { 0, 1, 2, 10, 11, 3, 4, 5, 12, 13 }, c.Data);
        Assert.Equal(a.Data, c.Slice(1, 0, 3).Data);
        Assert.Equal(b.Data, c.Slice(1, -2, 5).Data);
        var s = Tensor<double>.Stack(1, a, a * 2.0);
        Assert.Equal(new[] { 2, 2, 3 }, s.Shape);
        Assert.Equal(new double[] { 0, 1, 2, 0, 2, 4, 3, 4, 5, 6, 8, 10 }, s.Data);
        Assert.Equal(new double[] { 3, 4, 5 }, a.Select(0, 1).Data);
        Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0, a, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Slice(1, 2, 5));
    }

    [Fact]
    public void Index_ops_match_naive_definitions()
    {
        var x = Tensor<double>.Arange(12).Reshape(3, 4);
        Assert.Equal(new double[] { 2, 0, 2, 6, 4, 6, 10, 8, 10 }, x.IndexSelect(1, [2, 0, 2]).Data);
        Assert.Equal(new double[] { 8, 9, 10, 11, 0, 1, 2, 3 }, x.IndexSelect(0, [2, 0]).Data);
        var add = Tensor<double>.Zeros(3, 2).IndexAdd(0, [2, 2, 0], Tensor<double>.Ones(3, 2));
        Assert.Equal(new double[] { 1, 1, 0, 0, 2, 2 }, add.Data);
        // gather along axis 1: picks x[i, idx[i, j]]
        var g = x.Gather(1, [3, 0, 1, 1, 2, 0], [3, 2]);
        Assert.Equal(new double[] { 3, 0, 5, 5, 10, 8 }, g.Data);
        var sc = Tensor<double>.Zeros(2, 3).ScatterAdd(1, [0, 0, 2, 1], [2, 2], Tensor<double>.FromArray([1.0, 2, 3, 4], 2, 2));
        Assert.Equal(new double[] { 3, 0, 0, 0, 4, 3 }, sc.Data);
        var oh = Tensor<double>.OneHot([1, 0, 2], 3);
        Assert.Equal(new double[] { 0, 1, 0, 1, 0, 0, 0, 0, 1 }, oh.Data);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(1, [4]));
        Assert.Contains("IndexSelect: index 4", ex.Message);
    }

    [Fact]
    public void CumSum_matches_running_sum()
    {
        Gen.Int[1, 5].Array[1, 3].Select(Gen.Int).Sample((shape, seed) =>
        {
            var x = Naive.Random(new System.Random(seed), shape);
            int axis = seed % shape.Length;
            if (axis < 0) axis += shape.Length;
            var y = x.CumSum(axis);
            for (int i = 0; i < x.Size; i++)
            {
                var idx = Naive.Unravel(i, shape);
                int k = idx[axis];
                double acc = 0;
                for (int t = 0; t <= k; t++) { idx[axis] = t; acc += x.Data[Naive.Ravel(idx, shape)]; }
                Assert.Equal(acc, y.Data[i], 1e-12);
            }
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Factories_produce_expected_values()
    {
        Assert.Equal(new double[] { 0, 0.5, 1, 1.5 }, Tensor<double>.Arange(0, 2, 0.5).Data);
        Assert.Equal(new double[] { 0, 0.25, 0.5, 0.75, 1 }, Tensor<double>.Linspace(0, 1, 5).Data);
        Assert.Equal(new double[] { 1, 0, 0, 1 }, Tensor<double>.Eye(2).Data);
        Assert.Equal(new float[] { 7, 7 }, Tensor<float>.Full(7, 2).Data);
        Assert.Equal(Tensor<double>.RandomNormal(3, 5).Data, Tensor<double>.RandomNormal(3, 5).Data);
        Assert.Throws<ArgumentException>(() => Tensor<double>.Arange(0, 1, 0));
    }
}
