using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Tests.Learning;

/// <summary>
/// Test reference: a plain dense float64 forward pass of EISpikingNetwork's documented equations (soft or hard reset, as the
/// network's options say) that
/// stores the whole trial, the window cross-entropy + rate regularizer written out by hand, and the exact adjoint
/// recursion, with an option to detach the reset (drop the -theta vbar_{t+1} term; for the hard reset drop the
/// -beta v_t vbar_{t+1} term but keep the factor (1 - s_t) on beta vbar_{t+1}), the case in which e-prop is exact when W = 0. Written independently of EISpikingNetwork.Backward and EPropLearner.
/// </summary>
internal static class NaiveDetachedBptt
{
    public sealed record Result(double Loss, double[] DWin, double[] DWraw, double[] DWout, double[] DB);

    public static Result Gradient(EISpikingNetwork<double> net, TaskBatch<double> batch, bool detachReset, double rateLambda = 0, double targetHz = 0)
    {
        var o = net.Options;
        int n = net.Neurons, nin = net.Inputs, k = net.Outputs, T = batch.Steps, B = batch.BatchSize;
        double alpha = Math.Exp(-o.Dt / o.TauSynMs), beta = Math.Exp(-o.Dt / o.TauMemMs), rho = Math.Exp(-o.Dt / o.TauAdaptMs);
        double kappa = Math.Exp(-o.Dt / o.TauOutMs), theta = o.ThresholdMv;
        double[] delta = net.Adaptation.ToArray(), win = net.InputWeights.Value, wout = net.OutputWeights.Value, bias = net.OutputBias.Value;
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                w[i * n + j] = o.DalesLaw ? Math.Abs(net.RecurrentWeights.Value[i * n + j]) * net.Sign[i] * net.Mask[i * n + j]
                                          : net.RecurrentWeights.Value[i * n + j] * net.Mask[i * n + j];
        var spike = o.Spike;
        bool hard = o.Reset == ResetMode.Hard;
        // Forward: s[b][t+1][j], u[b][t+1][j], y[b][t][k].
        var s = new double[B, T + 1, n]; var u = new double[B, T + 1, n]; var y = new double[B, T, k]; var vs = new double[B, T + 1, n];
        double[] counts = new double[n];
        for (int b = 0; b < B; b++)
        {
            var I = new double[n]; var v = new double[n]; var a = new double[n]; var yy = new double[k];
            for (int t = 0; t < T; t++)
            {
                for (int j = 0; j < n; j++)
                {
                    double acc = alpha * I[j];
                    for (int c = 0; c < nin; c++) acc += batch.Input(t, b, c) * win[c * n + j];
                    for (int i = 0; i < n; i++) acc += s[b, t, i] * w[i * n + j];
                    I[j] = acc;
                }
                for (int j = 0; j < n; j++)
                {
                    a[j] = rho * a[j] + s[b, t, j];
                    v[j] = hard ? beta * v[j] * (1 - s[b, t, j]) + (1 - beta) * I[j] : beta * v[j] + (1 - beta) * I[j] - theta * s[b, t, j];
                    vs[b, t + 1, j] = v[j];
                    double uj = (v[j] - theta - delta[j] * a[j]) / theta;
                    u[b, t + 1, j] = uj;
                    double sj = spike.IsBinary ? (uj > 0 ? 1 : 0) : 1 / (1 + Math.Exp(-spike.Alpha * uj));
                    s[b, t + 1, j] = sj;
                    counts[j] += sj;
                }
                for (int q = 0; q < k; q++)
                {
                    double acc = kappa * yy[q] + bias[q];
                    for (int j = 0; j < n; j++) acc += s[b, t + 1, j] * wout[j * k + q];
                    yy[q] = acc; y[b, t, q] = acc;
                }
            }
        }
        // Loss: mean over trials of -log softmax(mean_{t in window} y)[label], + lambda sum_j (rate_j - target)^2.
        int ws = batch.ResponseStart, we = batch.ResponseEnd, wl = we - ws;
        var gy = new double[B, k];
        double loss = 0;
        for (int b = 0; b < B; b++)
        {
            var z = new double[k];
            for (int t = ws; t < we; t++) for (int q = 0; q < k; q++) z[q] += y[b, t, q] / wl;
            double mx = z.Max(), se = 0;
            for (int q = 0; q < k; q++) se += Math.Exp(z[q] - mx);
            double lse = mx + Math.Log(se);
            loss += (lse - z[batch.Labels[b]]) / B;
            for (int q = 0; q < k; q++) gy[b, q] = (Math.Exp(z[q] - lse) - (q == batch.Labels[b] ? 1 : 0)) / (B * wl);
        }
        double toHz = 1000.0 / (o.Dt * T * B);
        var gs = new double[n];
        for (int j = 0; j < n; j++)
        {
            double d = counts[j] * toHz - targetHz;
            loss += rateLambda * d * d;
            gs[j] = 2 * rateLambda * d * toHz;
        }
        // Reverse pass.
        var dWin = new double[nin * n]; var dW = new double[n * n]; var dWout = new double[n * k]; var dB = new double[k];
        for (int b = 0; b < B; b++)
        {
            var yb = new double[k]; var vN = new double[n]; var aN = new double[n]; var iN = new double[n];
            for (int t = T - 1; t >= 0; t--)
            {
                for (int q = 0; q < k; q++) { yb[q] = (t >= ws && t < we ? gy[b, q] : 0) + kappa * yb[q]; dB[q] += yb[q]; }
                var vb = new double[n]; var ab = new double[n]; var ib = new double[n];
                for (int j = 0; j < n; j++)
                {
                    double sb = gs[j] + aN[j];
                    for (int q = 0; q < k; q++) sb += yb[q] * wout[j * k + q];
                    for (int m = 0; m < n; m++) sb += iN[m] * w[j * n + m];
                    if (!detachReset) sb -= hard ? beta * vs[b, t + 1, j] * vN[j] : theta * vN[j];
                    double ub = sb * spike.Derivative(u[b, t + 1, j], s[b, t + 1, j]);
                    vb[j] = ub / theta + beta * (hard ? 1 - s[b, t + 1, j] : 1) * vN[j];
                    ab[j] = -delta[j] / theta * ub + rho * aN[j];
                    ib[j] = (1 - beta) * vb[j] + alpha * iN[j];
                    for (int q = 0; q < k; q++) dWout[j * k + q] += s[b, t + 1, j] * yb[q];
                }
                for (int j = 0; j < n; j++)
                {
                    for (int c = 0; c < nin; c++) dWin[c * n + j] += batch.Input(t, b, c) * ib[j];
                    for (int i = 0; i < n; i++) dW[i * n + j] += s[b, t, i] * ib[j];
                }
                vN = vb; aN = ab; iN = ib;
            }
        }
        var dWraw = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double g = dW[i * n + j] * net.Mask[i * n + j];
                if (o.DalesLaw) g *= net.Sign[i] * Math.Sign(net.RecurrentWeights.Value[i * n + j]);
                dWraw[i * n + j] = g;
            }
        return new Result(loss, dWin, dWraw, dWout, dB);
    }
}
