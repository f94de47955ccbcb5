using BrainSharp.Numerics;
using T = BrainSharp.Numerics.Tensor<double>;

namespace BrainSharp.Tests.Autodiff;

/// <summary>Finite-difference gradient check (float64, relative error &lt; 1e-6) for every differentiable tensor op.</summary>
public class OpGradientTests
{
    private static T U(ulong s, double lo, double hi, params int[] shape) => GradCheck.U(s, lo, hi, shape);
    private static T N(ulong s, params int[] shape) => GradCheck.U(s, -1, 1, shape);
    private static T A(ulong s, params int[] shape) => GradCheck.AwayFromZero(s, shape);

    private static readonly Dictionary<string, (Func<T[], T> F, Func<T[]> Inputs)> Cases = new()
    {
        // arithmetic, same shape and broadcast (gradients of broadcast inputs are summed back)
        ["Add"] = (x => x[0] + x[1], () => [N(1, 3, 4), N(2, 3, 4)]),
        ["Add broadcast row"] = (x => x[0] + x[1], () => [N(1, 3, 4), N(2, 4)]),
        ["Add broadcast outer"] = (x => x[0] + x[1], () => [N(1, 3, 1), N(2, 1, 4)]),
        ["Add scalar tensor"] = (x => x[0] + x[1], () => [N(1, 2, 5), N(2)]),
        ["Add constant"] = (x => x[0] + 2.5, () => [N(1, 7)]),
        ["Sub broadcast"] = (x => x[0] - x[1], () => [N(1, 2, 3, 4), N(2, 3, 1)]),
        ["Constant minus"] = (x => 1.0 - x[0], () => [N(1, 5)]),
        ["Mul broadcast"] = (x => x[0] * x[1], () => [N(1, 3, 1), N(2, 1, 4)]),
        ["Mul big broadcast (SIMD rows)"] = (x => x[0] * x[1], () => [N(1, 3, 37), N(2, 37)]),
        ["Div broadcast"] = (x => x[0] / x[1], () => [N(1, 2, 3, 4), U(2, 0.5, 2, 3, 1)]),
        ["Constant over"] = (x => 2.0 / x[0], () => [U(1, 0.5, 2, 6)]),
        ["Pow tensor"] = (x => x[0].Pow(x[1]), () => [U(1, 0.5, 2, 3, 4), N(2, 4)]),
        ["Pow scalar"] = (x => x[0].Pow(2.7), () => [U(1, 0.5, 2, 3, 4)]),
        ["Neg"] = (x => -x[0], () => [N(1, 9)]),
        ["Abs"] = (x => x[0].Abs(), () => [A(1, 3, 5)]),
        ["Exp"] = (x => x[0].Exp(), () => [N(1, 3, 5)]),
        ["Log"] = (x => x[0].Log(), () => [U(1, 0.2, 3, 3, 5)]),
        ["Log1p"] = (x => x[0].Log1p(), () => [U(1, -0.5, 3, 3, 5)]),
        ["Expm1"] = (x => x[0].Expm1(), () => [N(1, 3, 5)]),
        ["Sqrt"] = (x => x[0].Sqrt(), () => [U(1, 0.2, 3, 3, 5)]),
        ["Square"] = (x => x[0].Square(), () => [N(1, 3, 5)]),
        ["Tanh"] = (x => x[0].Tanh(), () => [U(1, -2, 2, 3, 5)]),
        ["Sigmoid"] = (x => x[0].Sigmoid(), () => [U(1, -3, 3, 3, 19)]),
        ["Softplus"] = (x => x[0].Softplus(), () => [U(1, -3, 3, 3, 19)]),
        ["Relu"] = (x => x[0].Relu(), () => [A(1, 4, 9)]),
        ["Clamp"] = (x => x[0].Clamp(-0.5, 0.7), () => [A(1, 4, 9)]),
        ["Minimum broadcast"] = (x => x[0].Minimum(x[1]), () => [A(1, 3, 4), T.FromArray([0.05, -0.1, 0.11, -0.03], 4)]),
        ["Maximum broadcast"] = (x => x[0].Maximum(x[1]), () => [A(1, 3, 4), T.FromArray([0.05, -0.1, 0.11, -0.03], 4)]),
        ["Where broadcast"] = (x => T.Where(T.FromArray([1.0, 0, 1, 0], 4), x[0], x[1]), () => [N(1, 3, 4), N(2, 3, 1)]),
        // reductions
        ["Sum all"] = (x => x[0].Sum(), () => [N(1, 3, 4)]),
        ["Sum axis"] = (x => x[0].Sum(1), () => [N(1, 2, 3, 4)]),
        ["Sum axes keepdims"] = (x => x[0].Sum([0, 2], keepDims: true), () => [N(1, 2, 3, 4)]),
        ["Mean axis"] = (x => x[0].Mean(-1), () => [N(1, 2, 3, 4)]),
        ["Mean all"] = (x => x[0].Mean(), () => [N(1, 2, 3, 4)]),
        ["Max axis"] = (x => x[0].Max(1), () => [N(1, 2, 5, 3)]),
        ["Max all"] = (x => x[0].Max(), () => [N(1, 4, 5)]),
        ["Min axis keepdims"] = (x => x[0].Min(0, keepDims: true), () => [N(1, 4, 3)]),
        ["LogSumExp axis"] = (x => x[0].LogSumExp(1), () => [N(1, 3, 6)]),
        ["LogSumExp all"] = (x => x[0].LogSumExp(), () => [N(1, 3, 6)]),
        ["Softmax"] = (x => x[0].Softmax(-1), () => [N(1, 3, 6)]),
        ["Softmax axis 0"] = (x => x[0].Softmax(0), () => [N(1, 3, 6)]),
        ["LogSoftmax"] = (x => x[0].LogSoftmax(1), () => [N(1, 3, 6)]),
        // matrix products
        ["MatMul"] = (x => x[0].MatMul(x[1]), () => [N(1, 3, 5), N(2, 5, 2)]),
        ["MatMul batched broadcast"] = (x => x[0].MatMul(x[1]), () => [N(1, 2, 1, 3, 4), N(2, 3, 4, 2)]),
        ["MatMul shared weights"] = (x => x[0].MatMul(x[1]), () => [N(1, 4, 3, 5), N(2, 5, 2)]),
        ["MatMul vector"] = (x => x[0].MatMul(x[1]), () => [N(1, 3, 5), N(2, 5)]),
        // shape and index operations
        ["Reshape"] = (x => x[0].Reshape(4, -1) * x[1], () => [N(1, 2, 6), N(2, 4, 3)]),
        ["Transpose"] = (x => x[0].Transpose() * x[1], () => [N(1, 3, 4), N(2, 4, 3)]),
        ["Permute"] = (x => x[0].Permute(2, 0, 1) * x[1], () => [N(1, 2, 3, 4), N(2, 4, 2, 3)]),
        ["Unsqueeze Squeeze"] = (x => (x[0].Unsqueeze(1) * x[1]).Squeeze(1), () => [N(1, 3, 4), N(2, 1, 4)]),
        ["Concat"] = (x => T.Concat(1, x[0], x[1], x[0]), () => [N(1, 2, 3), N(2, 2, 4)]),
        ["Stack"] = (x => T.Stack(0, x[0], x[1]).Square(), () => [N(1, 2, 3), N(2, 2, 3)]),
        ["Slice"] = (x => x[0].Slice(1, 1, 4), () => [N(1, 2, 5, 3)]),
        ["Select"] = (x => x[0].Select(0, 1), () => [N(1, 3, 4)]),
        ["IndexSelect"] = (x => x[0].IndexSelect(1, [2, 0, 2, 3]), () => [N(1, 2, 4, 3)]),
        ["IndexAdd"] = (x => x[0].IndexAdd(0, [1, 1, 3], x[1]), () => [N(1, 4, 2), N(2, 3, 2)]),
        ["Gather"] = (x => x[0].Gather(1, [2, 0, 1, 1, 0, 2], [2, 3]), () => [N(1, 2, 3)]),
        ["Gather axis 0"] = (x => x[0].Gather(0, [1, 0, 1], [1, 3]), () => [N(1, 2, 3)]),
        ["ScatterAdd"] = (x => x[0].ScatterAdd(1, [0, 0, 2, 1, 1, 1], [2, 3], x[1]), () => [N(1, 2, 4), N(2, 2, 3)]),
        ["CumSum"] = (x => x[0].CumSum(1), () => [N(1, 2, 5, 3)]),
        ["BroadcastTo"] = (x => x[0].BroadcastTo(2, 3, 4), () => [N(1, 3, 1)]),
        ["SumTo"] = (x => x[0].SumTo(3, 1), () => [N(1, 2, 3, 4)]),
        // compositions: gradients accumulate over several uses of one tensor
        ["Reuse"] = (x => (x[0] * x[0]).Sum(0) + x[0].Exp().Mean(0), () => [N(1, 3, 4)]),
        ["Cross-entropy"] = (x => -(x[0].MatMul(x[1]).LogSoftmax(1) * T.OneHot([2, 0, 1], 4)).Sum(), () => [N(1, 3, 5), N(2, 5, 4)]),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_matches_central_finite_differences(string name)
    {
        var (f, inputs) = Cases[name];
        double err = GradCheck.MaxRelativeError(f, inputs());
        Assert.True(err < 1e-6, $"{name}: relative gradient error {err:E2}");
    }
}
