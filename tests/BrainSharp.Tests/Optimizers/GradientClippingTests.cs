using BrainSharp.Numerics;
using BrainSharp.Optimizers;
using BrainSharp.Random;

namespace BrainSharp.Tests.Optimizers;

public class GradientClippingTests
{
    private static double NaiveNorm<T>(IEnumerable<Tensor<T>> ts) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => Math.Sqrt(ts.SelectMany(t => t.Data).Sum(v => double.CreateChecked(v) * double.CreateChecked(v)));

    private static Tensor<double>[] Grads()
    {
        var a = new Tensor<double>(3, 4); var b = new Tensor<double>(5);
        RandomFill.Normal(1, 1, a.Span, 0, 2);
        RandomFill.Normal(1, 2, b.Span, 1, 3);
        return [a, b];
    }

    [Fact]
    public void ClipsToTheGivenNormPreservingDirection()
    {
        var g = Grads();
        var before = g.Select(t => (double[])t.Data.Clone()).ToArray();
        double norm = NaiveNorm(g);
        double returned = GradientClipping.ClipByGlobalNorm(g, norm / 3);
        Assert.Equal(norm, returned, 1e-12);
        Assert.True(Math.Abs(NaiveNorm(g) - norm / 3) < 1e-6 * norm / 3, "clipped norm");
        double ratio = g[0].Data[0] / before[0][0];
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < before[k].Length; i++)
                Assert.Equal(ratio, g[k].Data[i] / before[k][i], 1e-12);
    }

    [Fact]
    public void LeavesSmallGradientsAlone()
    {
        var g = Grads();
        var before = g.Select(t => (double[])t.Data.Clone()).ToArray();
        GradientClipping.ClipByGlobalNorm(g, NaiveNorm(g) * 2);
        Assert.Equal(before[0], g[0].Data);
        Assert.Equal(before[1], g[1].Data);
    }

    [Fact]
    public void FloatGradientsAndExtremeMagnitudes()
    {
        var f = new Tensor<float>([3e30f, 4e30f], 2); // squares overflow float, not the scaled sum
        Assert.Equal(5e30, GradientClipping.GlobalNorm([f]), 1e24);
        GradientClipping.ClipByGlobalNorm([f], 1.0);
        Assert.Equal(0.6f, f.Data[0], 1e-6f);
        Assert.Equal(0.8f, f.Data[1], 1e-6f);
        var tiny = new Tensor<double>([3e-200, 4e-200], 2);
        Assert.Equal(5e-200, GradientClipping.GlobalNorm([tiny]), 1e-212);
    }

    [Fact]
    public void NonFiniteNormAndBadMaxNorm()
    {
        var g = new Tensor<double>([1.0, double.NaN], 2);
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm([g], 1.0)));
        Assert.Throws<ArithmeticException>(() => GradientClipping.ClipByGlobalNorm([g], 1.0, errorIfNonfinite: true));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm([g], -1.0));
        Assert.Contains("-1", e.Message);
    }
}
