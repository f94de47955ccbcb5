using BrainSharp.Autodiff;
using BrainSharp.Numerics;
using BrainSharp.Surrogates;
using T = BrainSharp.Numerics.Tensor<double>;

namespace BrainSharp.Tests.Autodiff;

public class AutogradTests
{
    [Fact]
    public void Jacobian_of_tanh_layer_matches_analytic()
    {
        var w = GradCheck.U(1, -1, 1, 3, 4);
        var x = GradCheck.U(2, -1, 1, 4);
        var j = Autograd.Jacobian(v => w.MatMul(v).Tanh(), x);
        Assert.Equal(new[] { 3, 4 }, j.Shape);
        for (int r = 0; r < 3; r++)
        {
            double z = 0;
            for (int c = 0; c < 4; c++) z += w[r, c] * x[c];
            double d = 1 - Math.Tanh(z) * Math.Tanh(z);
            for (int c = 0; c < 4; c++) Assert.Equal(d * w[r, c], j[r, c], 1e-14);
        }
    }

    [Fact]
    public void Jacobian_shape_is_output_shape_then_input_shape()
    {
        var x = GradCheck.U(3, -1, 1, 2, 3);
        var j = Autograd.Jacobian(v => v.Square().Sum(1), x);
        Assert.Equal(new[] { 2, 2, 3 }, j.Shape);
        for (int i = 0; i < 2; i++)
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 3; b++)
                    Assert.Equal(i == a ? 2 * x[a, b] : 0, j[i, a, b], 1e-15);
    }

    [Fact]
    public void ValueAndGrad_returns_value_and_leaves_inputs_untracked()
    {
        var x = T.FromArray([1.0, 2, 3]);
        var (v, g) = Autograd.ValueAndGrad(xs => (xs[0] * xs[0]).Sum(), x);
        Assert.Equal(14, v.ToScalar(), 1e-15);
        Assert.Equal(new[] { 2.0, 4, 6 }, g[0].Data);
        Assert.False(x.IsTracked);
    }

    [Fact]
    public void Unused_input_gets_zero_gradient()
    {
        var g = Autograd.Grad(xs => xs[0].Sum(), T.Ones(2), T.Ones(3));
        Assert.Equal(new double[3], g[1].Data);
    }

    [Fact]
    public void Backward_accumulates_into_leaf_Grad_across_calls()
    {
        var w = T.FromArray([0.5, -1.5]).WithGrad();
        var x = T.FromArray([2.0, 3.0]);
        (w * x).Sum().Backward();
        Assert.Equal(new[] { 2.0, 3.0 }, w.Grad!.Data);
        (w * w).Sum().Backward();
        Assert.Equal(new[] { 3.0, 0.0 }, w.Grad!.Data);
        w.ZeroGrad();
        Assert.Null(w.Grad);
    }

    [Fact]
    public void NoGrad_scope_records_nothing_and_restores()
    {
        var w = T.Ones(3).WithGrad();
        using (Autograd.NoGrad())
        {
            Assert.False((w * 2.0).IsTracked);
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True((w * 2.0).IsTracked);
        Assert.Equal("Mul", (w * 2.0).GradOp);
    }

    [Fact]
    public void RequiresGrad_cannot_be_set_on_a_non_leaf()
    {
        var y = T.Ones(2).WithGrad().Exp();
        var ex = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = true);
        Assert.Contains("Exp", ex.Message);
    }

    /// <summary>v' = a * v + x, s = v' * v' as a two-output custom op with a hand-written VJP.</summary>
    private static T[] FusedStep(T v, T x, T a) => Autograd.CustomOp("FusedStep", [v, x, a],
        xs =>
        {
            var vn = new T(xs[0].Shape);
            var s = new T(xs[0].Shape);
            double av = xs[2].ToScalar();
            for (int i = 0; i < vn.Size; i++) { vn.Data[i] = av * xs[0].Data[i] + xs[1].Data[i]; s.Data[i] = vn.Data[i] * vn.Data[i]; }
            return [vn, s];
        },
        (xs, ys, up) =>
        {
            var gvn = new T(ys[0].Shape);
            double av = xs[2].ToScalar(), ga = 0;
            for (int i = 0; i < gvn.Size; i++)
            {
                gvn.Data[i] = up[0].Data[i] + up[1].Data[i] * 2 * ys[0].Data[i];
                ga += gvn.Data[i] * xs[0].Data[i];
            }
            var gv = new T(xs[0].Shape);
            for (int i = 0; i < gv.Size; i++) gv.Data[i] = av * gvn.Data[i];
            return [gv, gvn, T.Full(ga, xs[2].Shape)];
        });

    [Fact]
    public void Custom_op_gradient_matches_finite_differences_and_records_one_node()
    {
        var v = GradCheck.U(1, -1, 1, 2, 5);
        var x = GradCheck.U(2, -1, 1, 2, 5);
        var a = T.Scalar(0.9);
        double err = GradCheck.MaxRelativeError(xs =>
        {
            var o = FusedStep(xs[0], xs[1], xs[2]);
            var o2 = FusedStep(o[0], xs[1], xs[2]);
            return o2[0] + o[1] * 0.3;
        }, v, x, a);
        Assert.True(err < 1e-6, $"relative error {err:E2}");

        var outs = FusedStep(v.Detach().WithGrad(), x, a);
        Assert.Equal("FusedStep", outs[0].GradOp);
        Assert.Equal("FusedStep", outs[1].GradOp);
    }

    /// <summary>A tanh RNN: h_{t+1} = tanh(h_t W + x_t U); loss = sum(h_T^2).</summary>
    private static T Rnn(T h0, T w, T u, T xs, int segment)
    {
        int steps = xs.Shape[0];
        var h = h0;
        for (int t0 = 0; t0 < steps; t0 += segment)
        {
            int start = t0, len = Math.Min(segment, steps - t0);
            T Step(T[] hs)
            {
                var hh = hs[0];
                for (int t = start; t < start + len; t++) hh = (hh.MatMul(w) + xs.Select(0, t).MatMul(u)).Tanh();
                return hh;
            }
            h = segment == int.MaxValue ? Step([h]) : Autograd.Checkpoint(Step, h);
        }
        return h.Square().Sum();
    }

    [Fact]
    public void Checkpointed_gradients_equal_plain_gradients()
    {
        var h0 = GradCheck.U(1, -0.5, 0.5, 2, 4);
        var w = GradCheck.U(2, -0.6, 0.6, 4, 4);
        var u = GradCheck.U(3, -0.6, 0.6, 3, 4);
        var xs = GradCheck.U(4, -1, 1, 30, 2, 3);
        // W and U are captured by the segment closures, not passed as inputs: they must still get gradients.
        var plain = Autograd.Grad(p => Rnn(p[0], p[1], p[2], xs, int.MaxValue), h0, w, u);
        foreach (int seg in new[] { 1, 7, 30 })
        {
            var ck = Autograd.Grad(p => Rnn(p[0], p[1], p[2], xs, seg), h0, w, u);
            // Equal up to the order in which per-step contributions are summed.
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < plain[i].Size; j++)
                    Assert.True(Math.Abs(plain[i].Data[j] - ck[i].Data[j]) <= 1e-13 * Math.Max(1, Math.Abs(plain[i].Data[j])),
                        $"segment {seg}, input {i}[{j}]: {plain[i].Data[j]} vs {ck[i].Data[j]}");
        }
    }

    [Fact]
    public void Checkpoint_keeps_one_node_and_recomputes_once_in_backward()
    {
        int runs = 0;
        var w = GradCheck.U(5, -1, 1, 3).WithGrad();
        var y = Autograd.Checkpoint(xs => { runs++; return (xs[0] * w).Exp().Sin2(); }, T.Ones(3));
        Assert.Equal("Checkpoint", y.GradOp);
        Assert.Equal(1, runs);
        y.Sum().Backward();
        Assert.Equal(2, runs);
        var expected = Autograd.Grad(ws => (T.Ones(3) * ws[0]).Exp().Sin2().Sum(), w.Detach());
        Assert.Equal(expected[0].Data, w.Grad!.Data);
    }

    [Fact]
    public void Nested_checkpoints_match_plain()
    {
        var w = GradCheck.U(6, -1, 1, 4);
        var plain = Autograd.Grad(ws => (ws[0].Tanh() * ws[0]).Exp().Sum(), w);
        var nested = Autograd.Grad(ws => Autograd.Checkpoint(a => Autograd.Checkpoint(b => b[0].Tanh(), a[0]) * a[0], ws[0]).Exp().Sum(), w);
        Assert.Equal(plain[0].Data, nested[0].Data);
    }

    [Fact]
    public void Long_checkpointed_chain_backpropagates_without_recursion()
    {
        var w = T.Full(0.999, 1).WithGrad();
        var h = T.Ones(1);
        const int steps = 3000;
        for (int t = 0; t < steps; t++) h = Autograd.Checkpoint(x => x[0] * w, h);
        h.Sum().Backward();
        // d(w^n)/dw = n w^(n-1)
        Assert.Equal(steps * Math.Pow(0.999, steps - 1), w.Grad!.ToScalar(), 1e-9);
    }

    [Fact]
    public void Least_squares_by_gradient_descent_reaches_known_optimum()
    {
        // b = A x*, so x* is the exact minimiser of mean((A x - b)^2).
        var a = GradCheck.U(11, -1, 1, 40, 5);
        var xStar = T.FromArray([0.3, -1.2, 2.0, 0.7, -0.4]);
        T b;
        using (Autograd.NoGrad()) b = a.MatMul(xStar);
        var x = T.Zeros(5);
        for (int it = 0; it < 5000; it++)
        {
            var g = Autograd.Grad(p => (a.MatMul(p[0]) - b).Square().Mean(), x)[0];
            using (Autograd.NoGrad()) x = x - g * 0.5;
            if (MaxAbsDiff(x, xStar) < 1e-8) break;
        }
        Assert.True(MaxAbsDiff(x, xStar) < 1e-6, $"distance {MaxAbsDiff(x, xStar):E2}");
    }

    [Fact]
    public void Training_loop_with_Backward_and_parameter_Grad_reaches_known_optimum()
    {
        // Parameters held across iterations as leaves: w [3,2] and bias [2]; targets made by known values.
        var x = GradCheck.U(21, -1, 1, 64, 3);
        var wStar = T.FromArray([1.0, -2.0, 0.5, 0.25, -1.5, 3.0], 3, 2);
        var bStar = T.FromArray([0.1, -0.7]);
        T y;
        using (Autograd.NoGrad()) y = x.MatMul(wStar) + bStar;
        var w = T.Zeros(3, 2).WithGrad();
        var bias = T.Zeros(2).WithGrad();
        for (int it = 0; it < 5000 && (MaxAbsDiff(w, wStar) > 1e-8 || MaxAbsDiff(bias, bStar) > 1e-8); it++)
        {
            (x.MatMul(w) + bias - y).Square().Mean().Backward();
            foreach (var p in new[] { w, bias })
            {
                for (int i = 0; i < p.Size; i++) p.Data[i] -= 0.5 * p.Grad!.Data[i];
                p.ZeroGrad();
            }
        }
        Assert.True(MaxAbsDiff(w, wStar) < 1e-6 && MaxAbsDiff(bias, bStar) < 1e-6, $"w off by {MaxAbsDiff(w, wStar):E2}, b by {MaxAbsDiff(bias, bStar):E2}");
    }

    private static double MaxAbsDiff(T a, T b)
    {
        double m = 0;
        for (int i = 0; i < a.Size; i++) m = Math.Max(m, Math.Abs(a.Data[i] - b.Data[i]));
        return m;
    }

    [Fact]
    public void NonFinite_mode_names_the_first_op_that_produced_it()
    {
        var x = T.FromArray([3.0, 1.0, 2.0]).WithGrad();
        using (Autograd.DetectNonFinite())
        {
            var ex = Assert.Throws<NonFiniteValueException>(() => ((x * 2.0) - 2.0).Log().Exp().Sum());
            Assert.Equal("Log", ex.Op);
            Assert.Contains("Log produced a non-finite value", ex.Message);
            Assert.Contains("index 1", ex.Message);
        }
        // without the mode the same computation silently yields -inf
        Assert.True(double.IsNegativeInfinity(((x * 2.0) - 2.0).Log().Data[1]));
    }

    [Fact]
    public void NonFinite_mode_names_the_op_whose_backward_overflows()
    {
        var x = T.FromArray([0.0, 4.0]);
        using (Autograd.DetectNonFinite())
        {
            var ex = Assert.Throws<NonFiniteValueException>(() => Autograd.Grad(v => v[0].Sqrt().Sum(), x));
            Assert.Equal("backward of Sqrt", ex.Op);
        }
    }

    [Fact]
    public void Grad_of_non_scalar_throws_clear_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => Autograd.Grad(v => v[0] * 2.0, T.Ones(3)));
        Assert.Contains("[3]", ex.Message);
    }

    /// <summary>Private test surrogate: derivative of a logistic sigmoid with slope alpha.</summary>
    private sealed class TestSigmoidSurrogate(double alpha) : ISurrogate
    {
        public string Name => $"TestSigmoid(alpha={alpha})";
        public double Primitive(double x) => 1 / (1 + Math.Exp(-alpha * x));
        public double Derivative(double x) { double s = Primitive(x); return alpha * s * (1 - s); }
    }

    [Fact]
    public void Spike_is_heaviside_forward_and_surrogate_backward()
    {
        var sur = new TestSigmoidSurrogate(4);
        var x = T.FromArray([-1.0, -0.1, 0.0, 0.2, 2.0, -0.3, 0.05, 1.1, -2, 0.7, -0.6]);
        var w = GradCheck.U(7, 0.5, 1.5, x.Shape);
        Assert.Equal(new double[] { 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0 }, x.Spike(sur).Data);
        var g = Autograd.Grad(v => (v[0].Spike(sur) * w).Sum(), x)[0];
        // The surrogate gradient is the finite-difference gradient of the smooth primitive.
        for (int i = 0; i < x.Size; i++)
        {
            double h = 1e-5, xi = x.Data[i];
            double fd = w.Data[i] * (sur.Primitive(xi + h) - sur.Primitive(xi - h)) / (2 * h);
            Assert.True(Math.Abs(g.Data[i] - fd) < 1e-6 * Math.Max(1, Math.Abs(fd)), $"i={i}: {g.Data[i]} vs {fd}");
        }
    }

    [Fact]
    public void Spike_works_in_float32()
    {
        var sur = new TestSigmoidSurrogate(2);
        var x = Tensor<float>.FromArray([-0.5f, 0.5f]);
        var g = Autograd.Grad(v => v[0].Spike(sur).Sum(), x)[0];
        Assert.Equal((float)sur.Derivative(-0.5), g.Data[0], 1e-6f);
        Assert.Equal((float)sur.Derivative(0.5), g.Data[1], 1e-6f);
    }
}

internal static class TestOps
{
    /// <summary>A composite op used by the checkpoint tests: x^2 * 0.5 + tanh(x).</summary>
    public static Tensor<double> Sin2(this Tensor<double> x) => x.Square() * 0.5 + x.Tanh();
}
