using BrainSharp.Autodiff;
using BrainSharp.Numerics;
using BrainSharp.Optimizers;
using BrainSharp.Surrogates;
using T = BrainSharp.Numerics.Tensor<double>;

namespace BrainSharp.Tests.Autodiff;

/// <summary>The tape and the optimizers together: gradients from Autograd.Grad / Backward fed to Adam.</summary>
public class AdamThroughGradTests
{
    [Fact]
    public void Adam_solves_least_squares_through_Grad_to_1e_6()
    {
        var a = GradCheck.U(31, -1, 1, 50, 4);
        var xStar = T.FromArray([1.5, -0.5, 0.25, 2.0]);
        T b;
        using (Autograd.NoGrad()) b = a.MatMul(xStar);
        var x = T.Zeros(4);
        var adam = new Adam<double>(0.05);
        var schedule = new ExponentialDecay(0.05, 0.995);
        for (int it = 0; it < 4000; it++)
        {
            schedule.Apply(adam, it);
            var g = Autograd.Grad(p => (a.MatMul(p[0]) - b).Square().Mean(), x);
            adam.Step([x], g);
            if (MaxDiff(x, xStar) < 1e-9) break;
        }
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(x.Data[i] - xStar.Data[i]) < 1e-6, $"x[{i}] = {x.Data[i]}, optimum {xStar.Data[i]}");
    }

    private static double MaxDiff(T a, T b)
    {
        double m = 0;
        for (int i = 0; i < a.Size; i++) m = Math.Max(m, Math.Abs(a.Data[i] - b.Data[i]));
        return m;
    }

    [Fact]
    public void Spike_uses_a_builtin_surrogate_span_kernel()
    {
        var sur = new SigmoidSurrogate(4);
        var x = GradCheck.U(3, -1, 1, 2, 7);
        var g = Autograd.Grad(v => v[0].Spike(sur).Sum(), x)[0];
        for (int i = 0; i < x.Size; i++) Assert.Equal(sur.Derivative(x.Data[i]), g.Data[i], 1e-15);
        var xf = Tensor<float>.FromArray(x.Data.Select(v => (float)v).ToArray(), x.Shape);
        var gf = Autograd.Grad(v => v[0].Spike(sur).Sum(), xf)[0];
        for (int i = 0; i < x.Size; i++) Assert.Equal(sur.Derivative(xf.Data[i]), gf.Data[i], 1e-6);
    }
}
