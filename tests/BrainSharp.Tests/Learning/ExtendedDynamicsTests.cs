using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Numerics;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

/// <summary>
/// The adaptation current (GIF), conductance synapses and trainable time constants of <see cref="EISpikingNetwork{T}"/>:
/// hand-written reverse pass against central finite differences of the smooth network, against the same equations
/// written with generic tensor ops on the autodiff tape, and against the validated LIF/ALIF path where they coincide.
/// </summary>
public class ExtendedDynamicsTests
{
    private const int Steps = EISpikingNetworkGradientTests.Steps, Batch = EISpikingNetworkGradientTests.Batch, Nin = 3, N = 10, Nout = 2;

    // Named configurations (InlineData cannot carry options objects).
    private static SpikingNetworkOptions Config(string name, SpikeFunction spike, int nin = Nin, int n = N, int nout = Nout, ulong seed = 11) => name switch
    {
        "gif-soft" => Base(nin, n, nout, spike, seed) with { Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 3, SubthresholdAdaptation = 0.4, TauAdaptMs = 60 },
        "gif-hard" => Base(nin, n, nout, spike, seed) with { Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 3, SubthresholdAdaptation = 0.4, TauAdaptMs = 60, Reset = ResetMode.Hard },
        "cond-soft" => Base(nin, n, nout, spike, seed) with { Synapse = SynapseModel.Conductance },
        "cond-hard-alif" => Base(nin, n, nout, spike, seed) with { Synapse = SynapseModel.Conductance, Reset = ResetMode.Hard, AdaptiveFraction = 0.5, AdaptationMv = 2, TauAdaptMs = 50 },
        "cond-nodale" => Base(nin, n, nout, spike, seed) with { Synapse = SynapseModel.Conductance, DalesLaw = false, InhibitoryReversalMv = -10 },
        "taus-soft" => Base(nin, n, nout, spike, seed) with { TrainTimeConstants = TrainableTimeConstants.All & ~TrainableTimeConstants.AdaptationCurrent, AdaptiveFraction = 0.5, AdaptationMv = 2, TauAdaptMs = 50 },
        "taus-hard" => Base(nin, n, nout, spike, seed) with { TrainTimeConstants = TrainableTimeConstants.Membrane | TrainableTimeConstants.Synapse, Reset = ResetMode.Hard },
        "all" => Base(nin, n, nout, spike, seed) with
        {
            Synapse = SynapseModel.Conductance, Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 3,
            SubthresholdAdaptation = 0.4, TauAdaptMs = 60, TrainTimeConstants = TrainableTimeConstants.All,
        },
        "all-hard" => Base(nin, n, nout, spike, seed) with
        {
            Synapse = SynapseModel.Conductance, Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 3,
            SubthresholdAdaptation = 0.4, TauAdaptMs = 60, TrainTimeConstants = TrainableTimeConstants.All, Reset = ResetMode.Hard,
        },
        _ => throw new ArgumentException(name),
    };

    private static SpikingNetworkOptions Base(int nin, int n, int nout, SpikeFunction spike, ulong seed) => new()
    {
        Inputs = nin, Neurons = n, Outputs = nout, Spike = spike, ConnectionProbability = 0.6, InputScale = 3, RecurrentScale = 1.0, Seed = seed,
    };

    private static double[] Inputs(int steps, int batch, int nin, ulong seed)
    {
        var rng = new RandomStream(seed);
        var x = new double[steps * batch * nin];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() < 0.3 ? 0 : 2 * rng.NextDouble();
        return x;
    }

    private static double[] Probe(int len, ulong seed)
    {
        var rng = new RandomStream(seed);
        var c = new double[len];
        for (int i = 0; i < c.Length; i++) c[i] = rng.NextNormal() * 0.1;
        return c;
    }


    [Theory]
    [InlineData("gif-soft")]
    [InlineData("gif-hard")]
    [InlineData("cond-soft")]
    [InlineData("cond-hard-alif")]
    [InlineData("cond-nodale")]
    [InlineData("taus-soft")]
    [InlineData("taus-hard")]
    [InlineData("all")]
    [InlineData("all-hard")]
    public void BpttMatchesCentralFiniteDifferencesOfSmoothNetwork(string config)
    {
        var net = new EISpikingNetwork<double>(Config(config, SpikeFunction.SmoothSigmoid(2)));
        Assert.True(net.Options.UsesExtendedDynamics);
        var x = Inputs(Steps, Batch, Nin, 5);
        var c = Probe(Steps * Batch * Nout, 9);
        int[] labels = [0, 1, 1];
        EISpikingNetworkGradientTests.AssertGradientsMatchFiniteDifferences(net, x, labels, c, config);
    }

    [Theory]
    [InlineData("gif-soft")]
    [InlineData("cond-hard-alif")]
    [InlineData("cond-nodale")]
    [InlineData("taus-soft")]
    [InlineData("all")]
    [InlineData("all-hard")]
    public void FusedGradientsEqualTapeGradients(string config)
    {
        const double alphaS = 2;
        const int steps = 40, B = 3, nin = 4, n = 12, K = 2, ws = 25, we = 40;
        var o = Config(config, SpikeFunction.SmoothSigmoid(alphaS), nin, n, K, seed: 21);
        var net = new EISpikingNetwork<double>(o);
        var x = Inputs(steps, B, nin, 17);
        var c = Probe(steps * B * K, 18);
        int[] labels = [1, 0, 1];
        var onehot = new double[B * K];
        for (int b = 0; b < B; b++) onehot[b * K + labels[b]] = 1;

        // Fused path.
        net.ResetState(B);
        net.Forward(x, B, 0, steps);
        var y = net.Output.ToArray();
        var gy = new double[y.Length];
        var (ce, _) = WindowCrossEntropy.Compute<double>(y, steps, B, K, labels, ws, we, gy);
        double lin = 0;
        for (int i = 0; i < y.Length; i++) { lin += c[i] * y[i]; gy[i] += c[i]; }
        net.ZeroGrad();
        net.Backward(gy);

        // Tape path: the documented equations (EISpikingNetwork.Extended.cs header) with generic ops.
        bool cond = o.Synapse == SynapseModel.Conductance, hard = o.Reset == ResetMode.Hard, gif = o.Adaptation == AdaptationMechanism.Current;
        double dt = o.Dt, th = o.ThresholdMv, rh = Math.Exp(-dt / o.TauAdaptMs), ka = Math.Exp(-dt / o.TauOutMs), ee = o.ExcitatoryReversalMv, ei = o.InhibitoryReversalMv;
        var tensors = net.Parameters.Select(p => Tensor<double>.FromArray(p.Value, p.Shape).WithGrad()).ToArray();
        Tensor<double> win = tensors[0], wraw = tensors[1], wout = tensors[2], bias = tensors[3];
        Tensor<double> LogTau(TrainableParameter<double>? p, double tau)
            => p is null ? Tensor<double>.Full(Math.Log(tau), n) : tensors[net.Parameters.ToList().IndexOf(p)];
        // lambda = -dt / tau = -dt exp(-log tau); decay = exp(lambda).
        var lnBe = -dt * (-LogTau(net.LogTauMem, o.TauMemMs)).Exp();
        var al = (-dt * (-LogTau(net.LogTauSyn, o.TauSynMs)).Exp()).Exp();
        var rw = (-dt * (-LogTau(net.LogTauW, o.TauAdaptMs)).Exp()).Exp();
        var be = lnBe.Exp();
        var signMask = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) signMask[i * n + j] = (o.DalesLaw ? net.Sign[i] : 1) * net.Mask[i * n + j];
        var w = (o.DalesLaw ? wraw.Abs() : wraw) * Tensor<double>.FromArray(signMask, n, n);
        var delta = Tensor<double>.FromArray(net.Adaptation, n);
        var bJump = Tensor<double>.FromArray(net.AdaptationCurrentJump, n);
        var aSub = Tensor<double>.FromArray(Enumerable.Range(0, n).Select(j => net.AdaptationCurrentJump[j] != 0 ? o.SubthresholdAdaptation : 0).ToArray(), n);
        Tensor<double> wPos = w.Relu(), wNeg = (-w).Relu(), winPos = win.Relu(), winNeg = (-win).Relu();
        Tensor<double> I = Tensor<double>.Zeros(B, n), H = Tensor<double>.Zeros(B, n), v = Tensor<double>.Zeros(B, n), a = Tensor<double>.Zeros(B, n);
        Tensor<double> wa = Tensor<double>.Zeros(B, n), s = Tensor<double>.Zeros(B, n), yy = Tensor<double>.Zeros(B, K);
        var ys = new Tensor<double>[steps];
        for (int t = 0; t < steps; t++)
        {
            var xt = Tensor<double>.FromArray(x.AsSpan(t * B * nin, B * nin), B, nin);
            if (cond)
            {
                I = al * I + xt.MatMul(winPos) + s.MatMul(wPos);
                H = al * H + xt.MatMul(winNeg) + s.MatMul(wNeg);
            }
            else I = al * I + xt.MatMul(win) + s.MatMul(w);
            a = rh * a + s;
            var vr = hard ? v * (1.0 - s) : v - th * s;
            if (gif) wa = rw * wa + (1.0 - rw) * aSub * vr + bJump * s;
            if (cond)
            {
                var g = 1.0 + I + H;
                var bt = (g * lnBe).Exp();
                var vinf = (ee * I + ei * H - wa) / g;
                v = bt * vr + (1.0 - bt) * vinf;
            }
            else v = hard ? be * vr + (1.0 - be) * (I - wa) : be * v + (1.0 - be) * (I - wa) - th * s;
            var u = (v - th - delta * a) / th;
            s = (alphaS * u).Sigmoid();
            yy = ka * yy + s.MatMul(wout) + bias;
            ys[t] = yy;
        }
        var Y = Tensor<double>.Stack(0, ys);
        var loss = -(Y.Slice(0, ws, we).Mean(0).LogSoftmax(-1) * Tensor<double>.FromArray(onehot, B, K)).Sum() / (double)B + (Y * Tensor<double>.FromArray(c, steps, B, K)).Sum();
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i], Y.Data[i], 10);
        Assert.Equal(ce + lin, loss.Data[0], 10);
        loss.Backward();

        // The fused layer as one tape node (all parameters, log taus included) and the same loss.
        var twin = new EISpikingNetwork<double>(o);
        foreach (var pt in twin.ParameterTensors) pt.RequiresGrad = true;
        var Yf = twin.ForwardOnTape(Tensor<double>.FromArray(x, steps, B, nin));
        var lossF = -(Yf.Slice(0, ws, we).Mean(0).LogSoftmax(-1) * Tensor<double>.FromArray(onehot, B, K)).Sum() / (double)B + (Yf * Tensor<double>.FromArray(c, steps, B, K)).Sum();
        Assert.Equal(loss.Data[0], lossF.Data[0], 10);
        lossF.Backward();

        for (int p = 0; p < net.Parameters.Count; p++)
        {
            var tape = tensors[p].Grad!.Data;
            Assert.True(RelDiff(net.Parameters[p].Grad, tape, out double den) < 1e-6, $"{net.Parameters[p].Name} ({config}): fused vs tape relative difference {RelDiff(net.Parameters[p].Grad, tape, out _):E2}");
            Assert.True(den > 0, $"{net.Parameters[p].Name}: zero tape gradient");
            Assert.True(RelDiff(twin.ParameterTensors[p].Grad!.Data, tape, out _) < 1e-6, $"fused tape node, {net.Parameters[p].Name} ({config})");
        }
    }

    private static double RelDiff(double[] a, double[] b, out double den)
    {
        double num = 0; den = 0;
        for (int k = 0; k < b.Length; k++) { num += (a[k] - b[k]) * (a[k] - b[k]); den += b[k] * b[k]; }
        return Math.Sqrt(num / den);
    }

    [Theory]
    [InlineData(ResetMode.Soft)]
    [InlineData(ResetMode.Hard)]
    public void GeneralKernelsReproduceTheLifAlifPathWhenTheyCoincide(ResetMode reset)
    {
        // Trainable but untouched time constants route the same LIF/ALIF network through the general kernels: outputs
        // and weight gradients must equal those of the event-driven fast path (binary spikes, triangle surrogate).
        var fast = Base(Nin, 24, Nout, SpikeFunction.Triangle(0.5), 3) with { Reset = reset, AdaptiveFraction = 0.5, AdaptationMv = 2, TauAdaptMs = 80 };
        var general = fast with { TrainTimeConstants = TrainableTimeConstants.Membrane | TrainableTimeConstants.Synapse };
        Assert.False(fast.UsesExtendedDynamics);
        var a = new EISpikingNetwork<double>(fast);
        var b = new EISpikingNetwork<double>(general);
        Assert.Equal(4, a.Parameters.Count);
        Assert.Equal(6, b.Parameters.Count);
        var x = Inputs(Steps, Batch, Nin, 7);
        var gy = Probe(Steps * Batch * Nout, 8);
        var gs = Probe(24, 6);
        double spikes = 0;
        foreach (var net in new[] { a, b })
        {
            net.ResetState(Batch);
            net.Forward(x, Batch, 0, 30);
            net.ZeroGrad();
            net.Backward(gy.AsSpan(0, 30 * Batch * Nout), gs);
            net.Forward(x, Batch, 30, 20); // a second chunk from the carried state (truncated BPTT)
            net.Backward(gy.AsSpan(30 * Batch * Nout), gs);
        }
        foreach (var c in a.SpikeCounts) spikes += c;
        Assert.True(spikes > 30, $"too few spikes ({spikes}) for a meaningful comparison");
        Assert.Equal(a.SpikeCounts.ToArray(), b.SpikeCounts.ToArray());
        var ya = a.Output.ToArray(); var yb = b.Output.ToArray();
        for (int i = 0; i < ya.Length; i++) Assert.Equal(ya[i], yb[i], 10);
        for (int p = 0; p < 4; p++)
            Assert.True(RelDiff(b.Parameters[p].Grad, a.Parameters[p].Grad, out _) < 1e-10, $"{a.Parameters[p].Name}: general vs fast path");
    }

    [Theory]
    [InlineData("all")]
    [InlineData("all-hard")]
    public void ChunkedForwardEqualsWholeSequence(string config)
    {
        // Truncated BPTT carries g_e, g_i, w, v, a and s across chunks: two chunks must give the whole run's readout.
        var net = new EISpikingNetwork<double>(Config(config, SpikeFunction.Triangle()));
        var x = Inputs(Steps, Batch, Nin, 5);
        net.ResetState(Batch);
        net.Forward(x, Batch, 0, Steps);
        var whole = net.Output.ToArray();
        double spikes = 0;
        foreach (var c in net.SpikeCounts) spikes += c;
        Assert.True(spikes > 20, $"too few spikes ({spikes})");
        net.ResetState(Batch);
        net.Forward(x, Batch, 0, 20);
        var a = net.Output.ToArray();
        net.Forward(x, Batch, 20, 30);
        Assert.Equal(whole, a.Concat(net.Output.ToArray()).ToArray());
    }

    [Fact]
    public void ConductanceMembraneStaysBetweenReversalPotentials()
    {
        // Huge conductances (weights 100x the leak): exponential Euler keeps v between E_i and E_e, and the steady state
        // under constant input is v_inf = (g_e E_e + g_i E_i) / (1 + g_e + g_i), checked against that closed form.
        var o = new SpikingNetworkOptions
        {
            Inputs = 2, Neurons = 2, Outputs = 1, Synapse = SynapseModel.Conductance, ThresholdMv = 1000 - 1, ExcitatoryReversalMv = 1000,
            InhibitoryReversalMv = -20, RecurrentScale = 0, Seed = 1, TauSynMs = 5,
        };
        var net = new EISpikingNetwork<double>(o);
        double[] win = [100, 0, -50, 3]; // channel 0 -> (g_e 100 on neuron 0), channel 1 -> (g_i 50 on neuron 0, g_e 3 on neuron 1)
        win.CopyTo(net.InputWeights.Value, 0);
        const int steps = 400;
        var x = new double[steps * 2];
        for (int t = 0; t < steps; t++) { x[t * 2] = 1; x[t * 2 + 1] = 1; }
        net.ResetState(1);
        net.Forward(x, 1, 0, steps);
        double al = Math.Exp(-1.0 / 5), gInf = 1 / (1 - al); // g of a constant drive 1 per step
        double ge0 = 100 * gInf, gi0 = 50 * gInf, ge1 = 3 * gInf;
        double v0 = (ge0 * 1000 - gi0 * 20) / (1 + ge0 + gi0), v1 = ge1 * 1000 / (1 + ge1);
        Assert.Equal(v0, VAt(net, steps - 1, 0), 6);
        Assert.Equal(v1, VAt(net, steps - 1, 1), 6);
        for (int t = 0; t < steps; t++)
            for (int j = 0; j < 2; j++) Assert.InRange(VAt(net, t, j), -20, 1000);
    }

    // v = theta (u + 1) without threshold adaptation.
    private static double VAt(EISpikingNetwork<double> net, int t, int j) => net.Options.ThresholdMv * (net.DistanceAt(t)[j] + 1);

    [Fact]
    public void AdaptationCurrentSlowsFiringUnderConstantDrive()
    {
        // GIF with a spike-triggered current: the inter-spike interval grows after the first spike (spike-frequency
        // adaptation); the same neuron without adaptation fires regularly. Closed-form first ISI of the LIF as the anchor.
        SpikingNetworkOptions O(double b) => new()
        {
            Inputs = 1, Neurons = 1, Outputs = 1, Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 1, AdaptationMv = b,
            TauAdaptMs = 200, RecurrentScale = 0, Seed = 1, Dt = 0.1, TauSynMs = 0.1 / 50, Reset = ResetMode.Hard,
        };
        List<int> Spikes(double b)
        {
            var net = new EISpikingNetwork<double>(O(b));
            net.InputWeights.Value[0] = 15; // I ~ 15 mV of drive (tau_syn << dt: I = x W_in each step)
            const int steps = 3000;
            var x = Enumerable.Repeat(1.0, steps).ToArray();
            net.ResetState(1);
            net.Forward(x, 1, 0, steps);
            var r = new List<int>();
            for (int t = 0; t < steps; t++) if (net.SpikesAt(t)[0] == 1) r.Add(t);
            return r;
        }
        var lif = Spikes(0);
        var gif = Spikes(2);
        // LIF period tau ln(RI / (RI - theta)) = 20 ln(15/5) ms, plus the step lost to the reset.
        double period = 20 * Math.Log(15.0 / 5.0);
        Assert.InRange((lif[2] - lif[1]) * 0.1, period - 0.25, period + 0.25);
        Assert.Equal(lif[0], gif[0]);
        int isi1 = gif[1] - gif[0], isiLast = gif[^1] - gif[^2];
        Assert.True(isiLast > 1.5 * isi1, $"no adaptation: first ISI {isi1}, last {isiLast} steps");
        Assert.True(gif.Count < lif.Count / 1.5, $"GIF {gif.Count} spikes vs LIF {lif.Count}");
    }

    [Theory]
    [InlineData("all")]
    [InlineData("taus-hard")]
    public void ForwardAndBackwardAllocateNothingOnceWarm(string config)
    {
        var net = new EISpikingNetwork<double>(Config(config, SpikeFunction.Triangle()));
        var x = Inputs(Steps, Batch, Nin, 5);
        var gy = Probe(Steps * Batch * Nout, 9);
        var gs = new double[N];
        void Run() { net.ResetState(Batch); net.Forward(x, Batch, 0, Steps); net.Backward(gy, gs); }
        Run();
        net.ZeroGrad();
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - a0;
        Assert.True(bytes == 0, $"{config}: a warm forward + backward over 50 steps allocated {bytes} bytes");
    }

    [Fact]
    public void InvalidExtendedOptionsThrowNamingTheParameter()
    {
        var o = new SpikingNetworkOptions { Inputs = 2 };
        void Throws<TE>(SpikingNetworkOptions bad, string name) where TE : ArgumentException
        {
            var e = Assert.Throws<TE>(() => new EISpikingNetwork<double>(bad));
            Assert.Contains(name, e.Message);
            Assert.Contains("EISpikingNetwork", e.Message);
        }
        Throws<ArgumentOutOfRangeException>(o with { Synapse = SynapseModel.Conductance, ExcitatoryReversalMv = 5 }, "ExcitatoryReversalMv");
        Throws<ArgumentOutOfRangeException>(o with { Synapse = SynapseModel.Conductance, InhibitoryReversalMv = 5 }, "InhibitoryReversalMv");
        Throws<ArgumentOutOfRangeException>(o with { Synapse = SynapseModel.Conductance, ExcitatoryReversalMv = double.NaN }, "ExcitatoryReversalMv");
        Throws<ArgumentOutOfRangeException>(o with { Adaptation = AdaptationMechanism.Current, SubthresholdAdaptation = -0.1 }, "SubthresholdAdaptation");
        Throws<ArgumentException>(o with { SubthresholdAdaptation = 0.5 }, "SubthresholdAdaptation");
        Throws<ArgumentException>(o with { TrainTimeConstants = TrainableTimeConstants.AdaptationCurrent }, "AdaptationCurrent");
        Throws<ArgumentOutOfRangeException>(o with { TrainTimeConstants = TrainableTimeConstants.Membrane, TauMemMs = 20000 }, "TauMemMs");
        Throws<ArgumentOutOfRangeException>(o with { MinTimeConstantMs = -1 }, "MinTimeConstantMs");
        Throws<ArgumentOutOfRangeException>(o with { MinTimeConstantMs = 10, MaxTimeConstantMs = 5 }, "MaxTimeConstantMs");
        Throws<ArgumentOutOfRangeException>(o with { TauSynMs = -5, Synapse = SynapseModel.Conductance }, "TauSynMs");
        Throws<ArgumentOutOfRangeException>(o with { Synapse = (SynapseModel)7 }, "Synapse");
    }

    [Fact]
    public void TimeConstantsAreProjectedIntoTheirBounds()
    {
        var net = new EISpikingNetwork<double>(new SpikingNetworkOptions { Inputs = 2, Neurons = 4, TrainTimeConstants = TrainableTimeConstants.Membrane, MinTimeConstantMs = 2, MaxTimeConstantMs = 100 });
        net.LogTauMem!.Value[0] = Math.Log(0.01);
        net.LogTauMem.Value[1] = Math.Log(1e6);
        net.LogTauMem.Value[2] = Math.Log(7);
        net.ResetState(1);
        net.Forward(new double[2], 1, 0, 1);
        var tau = net.TimeConstantsMs(TrainableTimeConstants.Membrane);
        Assert.Equal(2, tau[0], 12);
        Assert.Equal(100, tau[1], 12);
        Assert.Equal(7, tau[2], 12);
        Assert.Equal(20, tau[3], 12);
        Assert.Equal(Math.Log(2), net.LogTauMem.Value[0], 12);
    }
}
