using BrainSharp.Connectivity;
using BrainSharp.Networks;
using BrainSharp.Running;

namespace BrainSharp.Bench;

/// <summary>
/// The neuron kernel alone (`-- kernel [model] [neurons] [reps] [exp]`): builds the reference network (forward Euler membrane,
/// or exponential Euler with `exp`),
/// runs 100 ms so the state is typical, then times the first group's whole-range update (with its fused synapses) on
/// thread CPU time (the clock advancing, as in a run); 40 batches of 200 updates, each after 20 ms of the whole network
/// run, the median in ns per neuron. In cache at 4000 neurons, so far less sensitive to this machine's memory noise than
/// whole runs. Why short batches between network runs: the kernel alone only decays the synaptic g, and after ~5000
/// updates without input they reach subnormal floats, where every multiply takes a microcode assist (about 2x slower
/// here); sessions 5-6 timed 20000 updates per batch and so measured mostly that (their 0.41-1.05 ns spread).
/// </summary>
public static class KernelProbe
{
    public static void Run(string[] args)
    {
        string model = args.Length > 1 ? args[1] : "coba";
        int n = args.Length > 2 ? int.Parse(args[2]) : 4000, reps = args.Length > 3 ? int.Parse(args[3]) : 200;
        var desc = ReferenceNetworks.Create(model);
        desc.Set("euler", args.Contains("exp") ? 0 : 1);
        var built = desc.Build(n, seed: 1, ConnectivityStorage.Csr, 1);
        using var sim = new Simulator(built.Network, 0.1);
        sim.Run(100);
        var g = built.Populations[0];
        var clock = built.Network.Clock!;
        var spikes = new int[g.Size];
        var t = new List<double>();
        for (int batch = 0; batch < 40; batch++)
        {
            sim.Run(20);
            double c0 = Probe.ThreadCpuSeconds();
            for (int r = 0; r < reps; r++) { clock.Step++; g.UpdateRange(clock, 0, g.Size, spikes); }
            t.Add((Probe.ThreadCpuSeconds() - c0) * 1e9 / reps / g.Size);
        }
        t.Sort();
        Console.WriteLine(FormattableString.Invariant($"{model} {g.Name} ({g.Size} neurons): {BenchStats.Median(t):F3} ns/neuron (40 batches: min {t[0]:F3}, quartiles {t[10]:F3} {t[30]:F3})"));
    }
}
