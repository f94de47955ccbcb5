using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

public class EISpikingNetworkGradientTests
{
    internal const int Steps = 50, Batch = 3, Nin = 3, N = 10, Nout = 2, WStart = 30, WEnd = 50;

    private static EISpikingNetwork<double> MakeNet(ResetMode reset, double adaptive, SpikeFunction spike, double p = 0.6) => new(new SpikingNetworkOptions
    {
        Inputs = Nin, Neurons = N, Outputs = Nout, AdaptiveFraction = adaptive, AdaptationMv = 2.0, TauAdaptMs = 50,
        Reset = reset, Spike = spike, ConnectionProbability = p, InputScale = 3, RecurrentScale = 1.0, Seed = 11,
    });

    private static double[] MakeInputs()
    {
        var rng = new RandomStream(5);
        var x = new double[Steps * Batch * Nin];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() < 0.3 ? 0 : 2 * rng.NextDouble();
        return x;
    }

    private static double[] Probe()
    {
        var rng = new RandomStream(9);
        var c = new double[Steps * Batch * Nout];
        for (int i = 0; i < c.Length; i++) c[i] = rng.NextNormal() * 0.1;
        return c;
    }

    // Loss = windowed cross-entropy + sum(c . y) + rate regularizer; returns loss and fills grads when asked.
    internal static double Loss(EISpikingNetwork<double> net, double[] x, int[] labels, double[] c, bool backward)
    {
        net.ResetState(Batch);
        net.Forward(x, Batch, 0, Steps);
        var y = net.Output.ToArray();
        var gy = new double[y.Length];
        var (ce, _) = WindowCrossEntropy.Compute<double>(y, Steps, Batch, Nout, labels, WStart, WEnd, gy);
        double lin = 0;
        for (int i = 0; i < y.Length; i++) { lin += c[i] * y[i]; gy[i] += c[i]; }
        var gs = new double[N];
        double reg = RateRegularizer.Compute<double>(net.SpikeCounts, Steps, Batch, 1.0, 1e-4, 20, 1e-3, gs);
        if (backward) { net.ZeroGrad(); net.Backward(gy, gs); }
        return ce + lin + reg;
    }

    [Theory]
    [InlineData(ResetMode.Soft, 0.0)]
    [InlineData(ResetMode.Soft, 0.5)]
    [InlineData(ResetMode.Hard, 0.5)]
    public void BpttMatchesCentralFiniteDifferencesOfSmoothNetwork(ResetMode reset, double adaptive)
    {
        var net = MakeNet(reset, adaptive, SpikeFunction.SmoothSigmoid(2));
        var x = MakeInputs();
        var c = Probe();
        int[] labels = [0, 1, 1];
        AssertGradientsMatchFiniteDifferences(net, x, labels, c, $"{reset}, adaptive {adaptive}");
    }

    /// <summary>
    /// Every parameter's BPTT gradient of <see cref="Loss"/> against central differences (relative error below 1e-5),
    /// skipping entries that sit on a kink of |w| (Dale's law) or of [w]+ (conductance inputs).
    /// </summary>
    internal static void AssertGradientsMatchFiniteDifferences(EISpikingNetwork<double> net, double[] x, int[] labels, double[] c, string label)
    {
        Loss(net, x, labels, c, backward: true);
        const double h = 1e-6;
        foreach (var p in net.Parameters)
        {
            var analytic = (double[])p.Grad.Clone();
            double num = 0, den = 0;
            for (int k = 0; k < p.Value.Length; k++)
            {
                double w0 = p.Value[k];
                bool kink = (p == net.RecurrentWeights && net.Mask[k] != 0) || (p == net.InputWeights && net.Options.Synapse == SynapseModel.Conductance);
                if (kink && Math.Abs(w0) < 10 * h) continue;
                p.Value[k] = w0 + h; double lp = Loss(net, x, labels, c, false);
                p.Value[k] = w0 - h; double lm = Loss(net, x, labels, c, false);
                p.Value[k] = w0;
                double fd = (lp - lm) / (2 * h);
                num += (analytic[k] - fd) * (analytic[k] - fd);
                den += fd * fd;
            }
            Assert.True(den > 0, $"{p.Name}: finite-difference gradient is zero; the check would be vacuous");
            double rel = Math.Sqrt(num / den);
            Assert.True(rel < 1e-5, $"{p.Name} ({label}): relative error {rel:E3}");
        }
    }

    [Fact]
    public void DalesLawHoldsForEffectiveWeights()
    {
        var net = MakeNet(ResetMode.Soft, 0, SpikeFunction.Triangle(), p: 0.5);
        // Push raw weights to arbitrary signs: the effective weights must still obey the presynaptic sign.
        var rng = new RandomStream(3);
        for (int k = 0; k < net.RecurrentWeights.Value.Length; k++) net.RecurrentWeights.Value[k] = rng.NextNormal();
        var w = net.EffectiveRecurrentWeights();
        int nE = net.ExcitatoryCount;
        Assert.Equal(8, nE);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
            {
                double v = w[i * N + j];
                if (net.Mask[i * N + j] == 0 || i == j) Assert.Equal(0.0, v);
                else if (i < nE) Assert.True(v >= 0);
                else Assert.True(v <= 0);
            }
    }

    [Fact]
    public void EventDrivenForwardMatchesNaiveDenseReference()
    {
        var net = MakeNet(ResetMode.Hard, 0.5, SpikeFunction.Triangle());
        var x = MakeInputs();
        net.ResetState(Batch);
        net.Forward(x, Batch, 0, Steps);
        var y = net.Output.ToArray();

        // Independent dense implementation of the documented equations.
        var o = net.Options;
        double al = Math.Exp(-o.Dt / o.TauSynMs), be = Math.Exp(-o.Dt / o.TauMemMs), rh = Math.Exp(-o.Dt / o.TauAdaptMs), ka = Math.Exp(-o.Dt / o.TauOutMs), th = o.ThresholdMv;
        var W = net.EffectiveRecurrentWeights();
        double[] win = net.InputWeights.Value, wout = net.OutputWeights.Value, bias = net.OutputBias.Value;
        int spikes = 0;
        for (int b = 0; b < Batch; b++)
        {
            var I = new double[N]; var V = new double[N]; var A = new double[N]; var S = new double[N]; var Y = new double[Nout];
            for (int t = 0; t < Steps; t++)
            {
                var Sn = new double[N];
                for (int j = 0; j < N; j++)
                {
                    double inp = 0;
                    for (int cc = 0; cc < Nin; cc++) inp += x[(t * Batch + b) * Nin + cc] * win[cc * N + j];
                    double rec = 0;
                    for (int i = 0; i < N; i++) rec += S[i] * W[i * N + j];
                    I[j] = al * I[j] + inp + rec;
                    A[j] = rh * A[j] + S[j];
                    V[j] = be * V[j] * (1 - S[j]) + (1 - be) * I[j];
                    Sn[j] = V[j] - th - net.Adaptation[j] * A[j] > 0 ? 1 : 0;
                    spikes += (int)Sn[j];
                }
                S = Sn;
                for (int k = 0; k < Nout; k++)
                {
                    double r = 0;
                    for (int i = 0; i < N; i++) r += S[i] * wout[i * Nout + k];
                    Y[k] = ka * Y[k] + r + bias[k];
                    Assert.Equal(Y[k], y[(t * Batch + b) * Nout + k], 10);
                }
            }
        }
        Assert.True(spikes > 20, $"reference network too silent ({spikes} spikes) for a meaningful comparison");
    }

    [Fact]
    public void ChunkedForwardEqualsWholeSequence()
    {
        var net = MakeNet(ResetMode.Soft, 0.5, SpikeFunction.Triangle());
        var x = MakeInputs();
        net.ResetState(Batch);
        net.Forward(x, Batch, 0, Steps);
        var whole = net.Output.ToArray();
        net.ResetState(Batch);
        net.Forward(x, Batch, 0, 20);
        var a = net.Output.ToArray();
        net.Forward(x, Batch, 20, 30);
        var bpart = net.Output.ToArray();
        Assert.Equal(whole, a.Concat(bpart).ToArray());
    }

    [Fact]
    public void Float32AgreesWithFloat64()
    {
        var o = new SpikingNetworkOptions { Inputs = Nin, Neurons = N, Outputs = Nout, Spike = SpikeFunction.SmoothSigmoid(2), InputScale = 3, Seed = 4, AdaptiveFraction = 0.5 };
        var n64 = new EISpikingNetwork<double>(o);
        var n32 = new EISpikingNetwork<float>(o);
        var x = MakeInputs();
        var xf = x.Select(v => (float)v).ToArray();
        n64.ResetState(Batch); n64.Forward(x, Batch, 0, Steps);
        n32.ResetState(Batch); n32.Forward(xf, Batch, 0, Steps);
        var g64 = Probe(); var g32 = g64.Select(v => (float)v).ToArray();
        n64.Backward(g64); n32.Backward(g32);
        var y64 = n64.Output.ToArray(); var y32 = n32.Output.ToArray();
        for (int i = 0; i < y64.Length; i++) Assert.Equal(y64[i], y32[i], 3);
        for (int p = 0; p < 4; p++)
        {
            var a = n64.Parameters[p].Grad; var b = n32.Parameters[p].Grad;
            double num = 0, den = 0;
            for (int k = 0; k < a.Length; k++) { num += (a[k] - b[k]) * (a[k] - b[k]); den += a[k] * a[k]; }
            Assert.True(Math.Sqrt(num / den) < 1e-4, $"{n64.Parameters[p].Name}: float32 gradient differs by {Math.Sqrt(num / den):E2}");
        }
    }

    [Fact]
    public void InvalidOptionsThrowNamingTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EISpikingNetwork<double>(new SpikingNetworkOptions { Inputs = 2, TauMemMs = -1 }));
        Assert.Contains("TauMemMs", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new EISpikingNetwork<double>(new SpikingNetworkOptions { Inputs = 2, ConnectionProbability = 1.5 }));
        Assert.Contains("ConnectionProbability", e.Message);
    }
}
