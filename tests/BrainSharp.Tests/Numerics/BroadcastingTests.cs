using BrainSharp.Numerics;
using CsCheck;

namespace BrainSharp.Tests.Numerics;

public class BroadcastingTests
{
    /// <summary>An output shape and two operand shapes derived from it by dropping leading axes and setting some extents to 1.</summary>
    private static readonly Gen<(int[] Out, int[] A, int[] B, int Seed)> Shapes =
        Gen.Select(Gen.Int[1, 4].Array[0, 4], Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int, (o, da, db, seed) =>
        {
            var r = new System.Random(seed);
            int[] Derive(int drop)
            {
                drop = Math.Min(drop, o.Length);
                var s = o[drop..];
                for (int i = 0; i < s.Length; i++) if (r.Next(3) == 0) s[i] = 1;
                return s;
            }
            return (o, Derive(da), Derive(db), seed);
        });

    [Fact]
    public void Broadcast_shape_follows_numpy_rules_and_values_match_index_arithmetic()
    {
        Shapes.Sample((o, sa, sb, seed) =>
        {
            var r = new System.Random(seed);
            var a = Naive.Random(r, sa);
            var b = Naive.Random(r, sb);
            var sum = a + b;
            var prod = b * a;
            // expected shape: per axis the max extent (all extents here are 1 or the output's)
            var expected = Broadcasting.Shape("test", sa, sb);
            Assert.Equal(expected, Broadcasting.Shape("test", sb, sa));
            Assert.Equal(expected, sum.Shape);
            int rank = Math.Max(sa.Length, sb.Length);
            Assert.Equal(rank, expected.Length);
            for (int i = 0; i < sum.Size; i++)
            {
                var idx = Naive.Unravel(i, expected);
                double va = Naive.ReadBroadcast(a, idx), vb = Naive.ReadBroadcast(b, idx);
                Assert.Equal(va + vb, sum.Data[i]);
                Assert.Equal(va * vb, prod.Data[i]);
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Ternary_where_broadcasts_all_three_operands()
    {
        Shapes.Sample((o, sa, sb, seed) =>
        {
            var r = new System.Random(seed);
            var c = Naive.Random(r, sa).Greater(0.0);
            var a = Naive.Random(r, sb);
            var b = Naive.Random(r, o);
            var w = Tensor<double>.Where(c, a, b);
            var shape = Broadcasting.Shape("t", Broadcasting.Shape("t", sa, sb), o);
            Assert.Equal(shape, w.Shape);
            for (int i = 0; i < w.Size; i++)
            {
                var idx = Naive.Unravel(i, shape);
                Assert.Equal(Naive.ReadBroadcast(c, idx) != 0 ? Naive.ReadBroadcast(a, idx) : Naive.ReadBroadcast(b, idx), w.Data[i]);
            }
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void Shape_mismatch_names_op_and_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(3, 4) + Tensor<double>.Zeros(5));
        Assert.Equal("Add: shapes [3, 4] and [5] are not broadcastable.", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => Tensor<float>.Zeros(2, 3).Mul(Tensor<float>.Zeros(4, 1, 2)));
        Assert.Equal("Mul: shapes [2, 3] and [4, 1, 2] are not broadcastable.", ex2.Message);
        var ex3 = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(2, 3).MatMul(Tensor<double>.Zeros(4, 5)));
        Assert.Contains("MatMul: shapes [2, 3] and [4, 5]", ex3.Message);
    }

    [Fact]
    public void BroadcastTo_and_SumTo_are_adjoint()
    {
        var r = new System.Random(5);
        var x = Naive.Random(r, [3, 1]);
        var y = Naive.Random(r, [2, 3, 4]);
        // <BroadcastTo(x), y> == <x, SumTo(y)>
        double lhs = (x.BroadcastTo(2, 3, 4) * y).Sum().ToScalar();
        double rhs = (x * y.SumTo(3, 1)).Sum().ToScalar();
        Assert.Equal(lhs, rhs, 1e-12);
    }
}
