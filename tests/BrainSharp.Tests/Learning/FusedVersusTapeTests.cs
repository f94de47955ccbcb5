using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Numerics;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

/// <summary>The fused layer's hand-written reverse pass against the same model written with generic tensor ops on the autodiff tape.</summary>
public class FusedVersusTapeTests
{
    private const int Steps = 40, B = 3, Nin = 4, N = 12, K = 2, WS = 25, WE = 40;

    [Theory]
    [InlineData(ResetMode.Soft)]
    [InlineData(ResetMode.Hard)]
    public void FusedGradientsEqualTapeGradients(ResetMode reset)
    {
        const double alphaS = 2;
        var net = new EISpikingNetwork<double>(new SpikingNetworkOptions
        {
            Inputs = Nin, Neurons = N, Outputs = K, AdaptiveFraction = 0.5, AdaptationMv = 2, TauAdaptMs = 60, Reset = reset,
            Spike = SpikeFunction.SmoothSigmoid(alphaS), ConnectionProbability = 0.7, InputScale = 3, RecurrentScale = 1, Seed = 21,
        });
        var rng = new RandomStream(17);
        var x = new double[Steps * B * Nin];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() < 0.5 ? 0 : 1.5 * rng.NextDouble();
        var c = new double[Steps * B * K];
        for (int i = 0; i < c.Length; i++) c[i] = 0.1 * rng.NextNormal();
        int[] labels = [1, 0, 1];

        // Fused path.
        net.ResetState(B);
        net.Forward(x, B, 0, Steps);
        var y = net.Output.ToArray();
        var gy = new double[y.Length];
        var (ce, _) = WindowCrossEntropy.Compute<double>(y, Steps, B, K, labels, WS, WE, gy);
        double lin = 0;
        for (int i = 0; i < y.Length; i++) { lin += c[i] * y[i]; gy[i] += c[i]; }
        net.ZeroGrad();
        net.Backward(gy);

        // Tape path: the documented equations with generic ops.
        var o = net.Options;
        double al = Math.Exp(-o.Dt / o.TauSynMs), be = Math.Exp(-o.Dt / o.TauMemMs), rh = Math.Exp(-o.Dt / o.TauAdaptMs), ka = Math.Exp(-o.Dt / o.TauOutMs), th = o.ThresholdMv;
        var win = Tensor<double>.FromArray(net.InputWeights.Value, Nin, N).WithGrad();
        var wraw = Tensor<double>.FromArray(net.RecurrentWeights.Value, N, N).WithGrad();
        var wout = Tensor<double>.FromArray(net.OutputWeights.Value, N, K).WithGrad();
        var bias = Tensor<double>.FromArray(net.OutputBias.Value, K).WithGrad();
        var signMask = new double[N * N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) signMask[i * N + j] = net.Sign[i] * net.Mask[i * N + j];
        var sm = Tensor<double>.FromArray(signMask, N, N);
        var delta = Tensor<double>.FromArray(net.Adaptation, N);
        var w = wraw.Abs() * sm;
        Tensor<double> I = Tensor<double>.Zeros(B, N), v = Tensor<double>.Zeros(B, N), a = Tensor<double>.Zeros(B, N), s = Tensor<double>.Zeros(B, N), yy = Tensor<double>.Zeros(B, K);
        var ys = new Tensor<double>[Steps];
        for (int t = 0; t < Steps; t++)
        {
            var xt = Tensor<double>.FromArray(x.AsSpan(t * B * Nin, B * Nin), B, Nin);
            I = al * I + xt.MatMul(win) + s.MatMul(w);
            a = rh * a + s;
            v = reset == ResetMode.Soft ? be * v + (1 - be) * I - th * s : be * v * (1.0 - s) + (1 - be) * I;
            var u = (v - th - delta * a) / th;
            s = (alphaS * u).Sigmoid();
            yy = ka * yy + s.MatMul(wout) + bias;
            ys[t] = yy;
        }
        var Y = Tensor<double>.Stack(0, ys); // [Steps, B, K]
        var logits = Y.Slice(0, WS, WE).Mean(0);
        var onehot = new double[B * K];
        for (int b = 0; b < B; b++) onehot[b * K + labels[b]] = 1;
        var loss = -(logits.LogSoftmax(-1) * Tensor<double>.FromArray(onehot, B, K)).Sum() / (double)B + (Y * Tensor<double>.FromArray(c, Steps, B, K)).Sum();
        Assert.Equal(ce + lin, loss.Data[0], 10);
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i], Y.Data[i], 10);
        loss.Backward();

        // The fused layer as one tape node, followed by the same loss on the tape.
        var twin = new EISpikingNetwork<double>(o);
        foreach (var pt in twin.ParameterTensors) pt.RequiresGrad = true;
        var Yf = twin.ForwardOnTape(Tensor<double>.FromArray(x, Steps, B, Nin));
        Assert.Equal("EISpikingNetwork.Sequence", Yf.GradOp);
        var lossF = -(Yf.Slice(0, WS, WE).Mean(0).LogSoftmax(-1) * Tensor<double>.FromArray(onehot, B, K)).Sum() / (double)B + (Yf * Tensor<double>.FromArray(c, Steps, B, K)).Sum();
        Assert.Equal(loss.Data[0], lossF.Data[0], 10);
        lossF.Backward();

        double[] twinGrads(int i) => twin.ParameterTensors[i].Grad!.Data;
        (TrainableParameter<double> P, Tensor<double> Tp)[] pairs = [(net.InputWeights, win), (net.RecurrentWeights, wraw), (net.OutputWeights, wout), (net.OutputBias, bias)];
        foreach (var (p, tp) in pairs)
        {
            double num = 0, den = 0;
            for (int k = 0; k < p.Grad.Length; k++) { double d = p.Grad[k] - tp.Grad!.Data[k]; num += d * d; den += tp.Grad.Data[k] * tp.Grad.Data[k]; }
            Assert.True(den > 0, $"{p.Name}: zero tape gradient");
            Assert.True(Math.Sqrt(num / den) < 1e-6, $"{p.Name} ({reset}): fused vs tape relative difference {Math.Sqrt(num / den):E2}");
        }
        for (int i = 0; i < 4; i++)
        {
            var gf = twinGrads(i); var gt = pairs[i].Tp.Grad!.Data;
            double num = 0, den = 0;
            for (int k = 0; k < gt.Length; k++) { num += (gf[k] - gt[k]) * (gf[k] - gt[k]); den += gt[k] * gt[k]; }
            Assert.True(Math.Sqrt(num / den) < 1e-6, $"fused tape node, parameter {i}: relative difference {Math.Sqrt(num / den):E2}");
        }
    }
}
