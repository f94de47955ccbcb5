using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

/// <summary>The small network, batch and error measures that the e-prop tests (soft and hard reset) share.</summary>
internal static class EPropFixture
{
    public static SpikingNetworkOptions Opts(SpikeFunction spike, double recurrentScale, bool dale, double adaptive = 0.5, ulong seed = 3,
        ResetMode reset = ResetMode.Soft) => new()
    {
        Inputs = 5, Neurons = 12, Outputs = 3, Dt = 1, AdaptiveFraction = adaptive, TauAdaptMs = 80, AdaptationMv = 3,
        TauOutMs = 15, InputScale = 4, RecurrentScale = recurrentScale, DalesLaw = dale, Spike = spike, Seed = seed, Reset = reset,
    };

    // Channels 0-2 Poisson-like 0/1 events, channels 3-4 analog drive; labels random; window [ws, steps).
    public static TaskBatch<double> Batch(int steps, int batch, int ws, ulong seed = 7)
    {
        var rng = new RandomStream(seed, 11);
        var x = new double[steps * batch * 5];
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
                for (int c = 0; c < 5; c++)
                    x[(t * batch + b) * 5 + c] = c < 3 ? (rng.NextDouble() < 0.2 ? 1 : 0) : 1.5 * rng.NextDouble();
        var labels = new int[batch];
        for (int b = 0; b < batch; b++) labels[b] = rng.NextInt(3);
        return new TaskBatch<double>(steps, batch, 5, 3, x, labels, ws, steps);
    }

    public static double RelErr(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { d += (a[i] - b[i]) * (a[i] - b[i]); nb += b[i] * b[i]; }
        return Math.Sqrt(d) / Math.Max(Math.Sqrt(nb), 1e-300);
    }

    public static double Norm(ReadOnlySpan<double> a) { double s = 0; foreach (var v in a) s += v * v; return Math.Sqrt(s); }

    public static SpikeFunction Spike(string name) => name == "triangle" ? SpikeFunction.Triangle(0.3) : SpikeFunction.SmoothSigmoid(2);
}
