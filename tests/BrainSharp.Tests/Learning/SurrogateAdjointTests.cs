using BrainSharp.Learning.Layers;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

/// <summary>
/// The production path of the reverse pass (Heaviside spikes, triangle pseudo-derivative: vectorized per-neuron
/// recursion and the event-driven carry of Ibar W^T) against a naive dense implementation of the adjoint equations
/// in the header of EISpikingNetwork. Finite differences cannot check it (the network is not differentiable), so the
/// reference is an independent second implementation that forms Ibar_{t+1} W^T densely at every step.
/// </summary>
public class SurrogateAdjointTests
{
    // 21 neurons: vector blocks plus a scalar tail for both float widths.
    private const int Steps = 80, Batch = 3, Nin = 4, N = 21, Nout = 2;

    [Theory]
    [InlineData(ResetMode.Soft)]
    [InlineData(ResetMode.Hard)]
    public void TriangleBackwardMatchesNaiveDenseAdjoint(ResetMode reset)
    {
        var o = new SpikingNetworkOptions
        {
            Inputs = Nin, Neurons = N, Outputs = Nout, AdaptiveFraction = 0.5, AdaptationMv = 2.0, TauAdaptMs = 50,
            Reset = reset, Spike = SpikeFunction.Triangle(0.3), ConnectionProbability = 0.7, InputScale = 3, RecurrentScale = 1.0, Seed = 17,
        };
        var net = new EISpikingNetwork<double>(o);
        var rng = new RandomStream(23);
        var x = new double[Steps * Batch * Nin];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() < 0.5 ? 0 : (rng.NextDouble() < 0.5 ? 1 : 2 * rng.NextDouble());
        var gy = new double[Steps * Batch * Nout];
        for (int i = 0; i < gy.Length; i++) gy[i] = 0.1 * rng.NextNormal();
        var gs = new double[N];
        for (int i = 0; i < N; i++) gs[i] = 0.05 * rng.NextNormal();

        net.ResetState(Batch);
        net.Forward(x, Batch, 0, Steps);
        net.ZeroGrad();
        net.Backward(gy, gs);

        bool hard = reset == ResetMode.Hard;
        double al = Math.Exp(-o.Dt / o.TauSynMs), be = Math.Exp(-o.Dt / o.TauMemMs), rh = Math.Exp(-o.Dt / o.TauAdaptMs), ka = Math.Exp(-o.Dt / o.TauOutMs), th = o.ThresholdMv;
        var W = net.EffectiveRecurrentWeights();
        double[] win = net.InputWeights.Value, wout = net.OutputWeights.Value, wraw = net.RecurrentWeights.Value;
        var delta = net.Adaptation.ToArray();
        var dWin = new double[Nin * N]; var dW = new double[N * N]; var dWout = new double[N * Nout]; var db = new double[Nout];
        int spikes = 0, active = 0;
        for (int b = 0; b < Batch; b++)
        {
            // Forward, keeping s, u, v per step (index t + 1; index 0 is the zero initial state).
            var S = new double[Steps + 1, N]; var U = new double[Steps + 1, N]; var Vt = new double[Steps + 1, N];
            var I = new double[N]; var V = new double[N]; var A = new double[N];
            for (int t = 0; t < Steps; t++)
                for (int j = 0; j < N; j++)
                {
                    double inp = 0, rec = 0;
                    for (int c = 0; c < Nin; c++) inp += x[(t * Batch + b) * Nin + c] * win[c * N + j];
                    for (int i = 0; i < N; i++) rec += S[t, i] * W[i * N + j];
                    I[j] = al * I[j] + inp + rec;
                    A[j] = rh * A[j] + S[t, j];
                    V[j] = hard ? be * V[j] * (1 - S[t, j]) + (1 - be) * I[j] : be * V[j] + (1 - be) * I[j] - th * S[t, j];
                    Vt[t + 1, j] = V[j];
                    U[t + 1, j] = (V[j] - th - delta[j] * A[j]) / th;
                    S[t + 1, j] = U[t + 1, j] > 0 ? 1 : 0;
                    Assert.Equal(S[t + 1, j], net.SpikesAt(t)[b * N + j]);
                    spikes += (int)S[t + 1, j];
                }
            // Reverse: the adjoint recursion exactly as documented, with a dense Ibar_{t+1} W^T.
            var yb = new double[Nout]; var Ib = new double[N]; var vb = new double[N]; var ab = new double[N];
            for (int t = Steps - 1; t >= 0; t--)
            {
                for (int k = 0; k < Nout; k++) { yb[k] = gy[(t * Batch + b) * Nout + k] + ka * yb[k]; db[k] += yb[k]; }
                var Ibn = new double[N]; var vbn = new double[N]; var abn = new double[N];
                for (int j = 0; j < N; j++)
                {
                    double sb = gs[j] + ab[j];
                    for (int k = 0; k < Nout; k++) sb += yb[k] * wout[j * Nout + k];
                    for (int i = 0; i < N; i++) sb += Ib[i] * W[j * N + i];
                    sb -= hard ? be * Vt[t + 1, j] * vb[j] : th * vb[j];
                    double u = U[t + 1, j], psi = 0.3 * Math.Max(0, 1 - Math.Abs(u));
                    if (psi > 0) active++;
                    double ub = sb * psi;
                    vbn[j] = ub / th + (hard ? be * (1 - S[t + 1, j]) * vb[j] : be * vb[j]);
                    abn[j] = -delta[j] / th * ub + rh * ab[j];
                    Ibn[j] = (1 - be) * vbn[j] + al * Ib[j];
                }
                Ib = Ibn; vb = vbn; ab = abn;
                for (int j = 0; j < N; j++)
                {
                    for (int c = 0; c < Nin; c++) dWin[c * N + j] += x[(t * Batch + b) * Nin + c] * Ib[j];
                    for (int i = 0; i < N; i++) dW[i * N + j] += S[t, i] * Ib[j];
                    for (int k = 0; k < Nout; k++) dWout[j * Nout + k] += S[t + 1, j] * yb[k];
                }
            }
        }
        Assert.True(spikes > 50 && spikes < Steps * Batch * N / 4, $"{spikes} spikes: the comparison needs a network that spikes sparsely");
        Assert.True(active > Steps * Batch * N / 10, $"only {active} non-zero pseudo-derivatives");

        var dWraw = new double[N * N];
        var mask = net.Mask; var sign = net.Sign;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) dWraw[i * N + j] = dW[i * N + j] * mask[i * N + j] * sign[i] * Math.Sign(wraw[i * N + j]);
        AssertClose("w_in", dWin, net.InputWeights.Grad);
        AssertClose("w_rec", dWraw, net.RecurrentWeights.Grad);
        AssertClose("w_out", dWout, net.OutputWeights.Grad);
        AssertClose("b_out", db, net.OutputBias.Grad);
    }

    private static void AssertClose(string name, double[] expected, double[] actual)
    {
        double num = 0, den = 0;
        for (int i = 0; i < expected.Length; i++) { num += (expected[i] - actual[i]) * (expected[i] - actual[i]); den += expected[i] * expected[i]; }
        Assert.True(den > 0, $"{name}: reference gradient is zero; the test would prove nothing");
        double rel = Math.Sqrt(num / den);
        Assert.True(rel < 1e-10, $"{name}: relative error {rel:E2} between the fused reverse pass and the dense reference");
    }
}
