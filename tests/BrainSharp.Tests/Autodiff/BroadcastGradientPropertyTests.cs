using BrainSharp.Autodiff;
using BrainSharp.Numerics;
using CsCheck;
using T = BrainSharp.Numerics.Tensor<double>;

namespace BrainSharp.Tests.Autodiff;

public class BroadcastGradientPropertyTests
{
    /// <summary>Two operand shapes that broadcast together: derived from one output shape by dropping leading axes and setting extents to 1.</summary>
    private static readonly Gen<(int[] A, int[] B, int Seed)> Shapes =
        Gen.Select(Gen.Int[1, 3].Array[1, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int, (o, da, db, seed) =>
        {
            var r = new System.Random(seed);
            int[] Derive(int drop)
            {
                var s = o[Math.Min(drop, o.Length)..];
                for (int i = 0; i < s.Length; i++) if (r.Next(3) == 0) s[i] = 1;
                return s;
            }
            return (Derive(da), Derive(db), seed);
        });

    [Fact]
    public void Binary_op_gradients_reduce_to_input_shapes_and_match_finite_differences()
    {
        Shapes.Sample((sa, sb, seed) =>
        {
            var a = GradCheck.U((ulong)(uint)seed, 0.5, 2, sa);
            var b = GradCheck.U((ulong)(uint)seed + 7, 0.5, 2, sb);
            foreach (var f in new Func<T[], T>[] { x => x[0] + x[1], x => x[0] - x[1], x => x[0] * x[1], x => x[0] / x[1], x => x[0].Pow(x[1]) })
            {
                var g = Autograd.Grad(x => (f(x) * f(x)).Sum(), a, b);
                Assert.Equal(sa, g[0].Shape);
                Assert.Equal(sb, g[1].Shape);
                double err = GradCheck.MaxRelativeError(f, a, b);
                Assert.True(err < 1e-6, $"shapes {ShapeUtil.Format(sa)} and {ShapeUtil.Format(sb)}: error {err:E2}");
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void Float32_gradients_agree_with_float64()
    {
        var a = GradCheck.U(5, 0.5, 2, 3, 4);
        var b = GradCheck.U(6, -1, 1, 4);
        T F64(T[] x) => ((x[0] * x[1]).Tanh().Sum(0) + x[0].Log().Mean()).Softplus().Sum();
        Tensor<float> F32(Tensor<float>[] x) => ((x[0] * x[1]).Tanh().Sum(0) + x[0].Log().Mean()).Softplus().Sum();
        var g64 = Autograd.Grad(F64, a, b);
        var g32 = Autograd.Grad(F32, ToF(a), ToF(b));
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < g64[k].Size; i++)
                Assert.Equal(g64[k].Data[i], g32[k].Data[i], 1e-5);
    }

    private static Tensor<float> ToF(T t) => Tensor<float>.FromArray(t.Data.Select(v => (float)v).ToArray(), t.Shape);

    [Fact]
    public void Checkpoint_does_not_keep_segment_intermediates_alive()
    {
        var w = GradCheck.U(8, -1, 1, 64).WithGrad();
        var (plainRef, plainOut) = Run(checkpoint: false);
        var (ckRef, ckOut) = Run(checkpoint: true);
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        Assert.True(plainRef.IsAlive, "without checkpointing the tape keeps the intermediate");
        Assert.False(ckRef.IsAlive, "with checkpointing the intermediate must be collectable");
        GC.KeepAlive(plainOut); GC.KeepAlive(ckOut);

        (WeakReference, T) Run(bool checkpoint)
        {
            WeakReference? wr = null;
            T Seg(T[] x)
            {
                var mid = (x[0] * w).Exp();   // intermediate the tape would need for Exp's backward
                wr ??= new WeakReference(mid);
                return mid.Sum();
            }
            var y = checkpoint ? Autograd.Checkpoint(Seg, T.Ones(64)) : Seg([T.Ones(64)]);
            return (wr!, y);
        }
    }
}
