using BrainSharp.Numerics;
using BrainSharp.Numerics.Operators;

namespace BrainSharp.Tests.Numerics;

public class ElementwiseTests
{
    private static readonly (string Name, Func<Tensor<double>, Tensor<double>> Op, Func<double, double> Ref, double Lo, double Hi)[] Unaries =
    [
        ("Neg", t => -t, x => -x, -3, 3),
        ("Abs", t => t.Abs(), Math.Abs, -3, 3),
        ("Exp", t => t.Exp(), Math.Exp, -20, 20),
        ("Log", t => t.Log(), Math.Log, 1e-3, 50),
        ("Log1p", t => t.Log1p(), x => Math.Log(1 + x), 0.5, 3),
        ("Expm1", t => t.Expm1(), x => Math.Exp(x) - 1, 0.5, 3),
        ("Sqrt", t => t.Sqrt(), Math.Sqrt, 0, 9),
        ("Tanh", t => t.Tanh(), Math.Tanh, -4, 4),
        ("Sigmoid", t => t.Sigmoid(), x => 1 / (1 + Math.Exp(-x)), -10, 10),
        ("Softplus", t => t.Softplus(), x => Math.Log(1 + Math.Exp(x)), -10, 10),
        ("Relu", t => t.Relu(), x => Math.Max(x, 0), -3, 3),
        ("Clamp", t => t.Clamp(-1, 0.5), x => Math.Clamp(x, -1, 0.5), -3, 3),
        ("Pow", t => t.Pow(1.5), x => Math.Pow(x, 1.5), 0, 4),
    ];

    [Fact]
    public void Unary_ops_match_scalar_reference_for_every_tail_length_in_both_precisions()
    {
        foreach (var (name, op, reference, lo, hi) in Unaries)
            for (int n = 0; n <= 70; n += 1)
            {
                var x = Tensor<double>.RandomUniform((ulong)n, lo, hi, n);
                var y = op(x);
                for (int i = 0; i < n; i++)
                    Assert.True(Math.Abs(y.Data[i] - reference(x.Data[i])) <= 1e-14 * Math.Max(1, Math.Abs(reference(x.Data[i]))),
                        $"{name} n={n} i={i}: {y.Data[i]} vs {reference(x.Data[i])}");
                var xf = Tensor<float>.FromArray(x.Data.Select(v => (float)v).ToArray(), n);
                var yf = OpF(name, xf);
                for (int i = 0; i < n; i++)
                {
                    double want = reference(xf.Data[i]);
                    Assert.True(Math.Abs(yf.Data[i] - want) <= 2e-6 * Math.Max(1, Math.Abs(want)), $"{name} float n={n} i={i}: {yf.Data[i]} vs {want}");
                }
            }
    }

    private static Tensor<float> OpF(string name, Tensor<float> t) => name switch
    {
        "Neg" => -t, "Abs" => t.Abs(), "Exp" => t.Exp(), "Log" => t.Log(), "Log1p" => t.Log1p(), "Expm1" => t.Expm1(),
        "Sqrt" => t.Sqrt(), "Tanh" => t.Tanh(), "Sigmoid" => t.Sigmoid(), "Softplus" => t.Softplus(), "Relu" => t.Relu(),
        "Clamp" => t.Clamp(-1, 0.5f), "Pow" => t.Pow(1.5f), _ => throw new ArgumentException(name),
    };

    [Fact]
    public void Log1p_and_Expm1_are_accurate_near_zero()
    {
        var x = Tensor<double>.FromArray([1e-12, -3e-10, 1e-300]);
        var l = x.Log1p(); var e = x.Expm1();
        // log1p(x) = x - x^2/2 + ..., expm1(x) = x + x^2/2 + ...
        for (int i = 0; i < 3; i++)
        {
            double v = x.Data[i];
            Assert.Equal(v - v * v / 2, l.Data[i], Math.Abs(v) * 1e-15);
            Assert.Equal(v + v * v / 2, e.Data[i], Math.Abs(v) * 1e-15);
        }
    }

    [Fact]
    public void Comparisons_return_zero_one_tensors()
    {
        var a = Tensor<double>.FromArray([1.0, 2, 3, double.NaN]);
        var b = Tensor<double>.FromArray([2.0, 2, 2, 0]);
        Assert.Equal(new double[] { 0, 0, 1, 0 }, a.Greater(b).Data);
        Assert.Equal(new double[] { 1, 0, 0, 0 }, a.Less(b).Data);
        Assert.Equal(new double[] { 0, 1, 1, 0 }, a.GreaterOrEqual(b).Data);
        Assert.Equal(new double[] { 1, 1, 0, 0 }, a.LessOrEqual(b).Data);
        Assert.Equal(new double[] { 0, 1, 0, 0 }, a.EqualTo(b).Data);
        Assert.Equal(new double[] { 1, 0, 1, 1 }, a.NotEqualTo(b).Data);
        Assert.Equal(new double[] { 1, 2, 2, double.NaN }, a.Minimum(b).Data);
    }

    [Fact]
    public void Large_arrays_take_the_parallel_path_and_agree_with_the_sequential_kernel()
    {
        int n = 3 * Elementwise.ParallelThreshold + 17;
        var x = Tensor<double>.RandomUniform(1, -2, 2, n);
        var y = Tensor<double>.RandomUniform(2, -2, 2, n);
        var par = (x * y + x.Exp()).Data;
        for (int i = 0; i < n; i += 997) Assert.Equal(x.Data[i] * y.Data[i] + Math.Exp(x.Data[i]), par[i], 1e-14);
        // rows of a general broadcast, split across cores
        var m = Tensor<double>.RandomUniform(3, -1, 1, 700, 1);
        var v = Tensor<double>.RandomUniform(4, -1, 1, 1, 300);
        var outer = m * v;
        for (int i = 0; i < 700; i += 37) for (int j = 0; j < 300; j += 29) Assert.Equal(m.Data[i] * v.Data[j], outer[i, j]);
        var s = outer.Sum(0);
        for (int j = 0; j < 300; j += 29)
        {
            double acc = 0;
            for (int i = 0; i < 700; i++) acc += outer[i, j];
            Assert.Equal(acc, s.Data[j], 1e-12);
        }
    }

    [Fact]
    public void Driver_rejects_mismatched_spans()
    {
        var ex = Assert.Throws<ArgumentException>(() => Elementwise.Binary(new MulOpProbe(), new double[3], 1, new double[4], 1, new double[3]));
        Assert.Contains("length 4", ex.Message);
    }

    /// <summary>A user-defined operator struct, as a model would write one.</summary>
    private readonly struct MulOpProbe : IBinaryOperator<double>
    {
        public bool Vectorizable => true;
        public double Invoke(double x, double y) => x * y;
        public System.Runtime.Intrinsics.Vector256<double> Invoke(System.Runtime.Intrinsics.Vector256<double> x, System.Runtime.Intrinsics.Vector256<double> y) => x * y;
        public System.Runtime.Intrinsics.Vector512<double> Invoke(System.Runtime.Intrinsics.Vector512<double> x, System.Runtime.Intrinsics.Vector512<double> y) => x * y;
    }

    [Fact]
    public void User_operator_runs_through_the_driver_with_scalar_broadcast()
    {
        var x = Enumerable.Range(0, 37).Select(i => (double)i).ToArray();
        var d = new double[37];
        Elementwise.Binary(new MulOpProbe(), x, 1, [2.0], 0, d);
        Assert.Equal(x.Select(v => 2 * v).ToArray(), d);
    }
}
