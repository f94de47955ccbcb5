using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Bench;

/// <summary>
/// A group that falls silent (`-- silent [neurons]`): LIF cells receive one volley at 1 ms through fused exponential
/// conductances (tau 5 and 10 ms), then nothing. Times the second second, when without a flush every g would sit in the
/// subnormal floats, and counts the subnormal g left (design-perf9.md: 58 ms before the flush, 33 ms after, 4000 cells).
/// </summary>
public static class SilentProbe
{
    public static void Run(string[] args)
    {
        int n = args.Length > 1 ? int.Parse(args[1]) : 4000;
        var net = new Network(seed: 3, threads: 1);
        var src = net.Add(new SpikeGeneratorGroup(400, Enumerable.Range(0, 400).ToArray(), Enumerable.Repeat(1.0, 400).ToArray()));
        var t = net.Add(new LifNeuron(n, LifParams.Coba, "T"));
        var pe = net.Add(new Projection(src, t, new FixedProbability(0.2), 0.5, new ExponentialSynapse(n, 5), new ConductanceOutput(0)));
        var pi = net.Add(new Projection(src, t, new FixedProbability(0.05), 1.0, new ExponentialSynapse(n, 10), new ConductanceOutput(-80)));
        using var sim = new Simulator(net, 0.1);
        sim.Run(1000);
        var r = sim.Run(1000);
        int subnormal = pe.Synapse.Value.Count(float.IsSubnormal) + pi.Synapse.Value.Count(float.IsSubnormal);
        Console.WriteLine(FormattableString.Invariant(
            $"silent group of {n}: second 1000 ms in {r.RunSeconds * 1e3:F1} ms (fused {pe.IsFused}), subnormal g left: {subnormal}"));
    }
}
