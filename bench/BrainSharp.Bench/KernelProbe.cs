using BrainSharp.Connectivity;
using BrainSharp.Networks;
using BrainSharp.Running;

namespace BrainSharp.Bench;

/// <summary>
/// The neuron kernel alone (`-- kernel [model] [neurons] [reps]`): builds the reference network (forward Euler membrane),
/// runs 100 ms so the state is typical, then times the first group's whole-range update (with its fused synapses) on
/// thread CPU time (the clock advancing, as in a run); five batches, the median in ns per neuron. In cache at 4000 neurons, so far less sensitive to this
/// machine's memory noise than whole runs.
/// </summary>
public static class KernelProbe
{
    public static void Run(string[] args)
    {
        string model = args.Length > 1 ? args[1] : "coba";
        int n = args.Length > 2 ? int.Parse(args[2]) : 4000, reps = args.Length > 3 ? int.Parse(args[3]) : 20000;
        var desc = ReferenceNetworks.Create(model);
        desc.Set("euler", 1);
        var built = desc.Build(n, seed: 1, ConnectivityStorage.Csr, 1);
        using var sim = new Simulator(built.Network, 0.1);
        sim.Run(100);
        var g = built.Populations[0];
        var clock = built.Network.Clock!;
        var spikes = new int[g.Size];
        var t = new List<double>();
        for (int batch = 0; batch < 5; batch++)
        {
            double c0 = Probe.ThreadCpuSeconds();
            for (int r = 0; r < reps; r++) { clock.Step++; g.UpdateRange(clock, 0, g.Size, spikes); }
            t.Add((Probe.ThreadCpuSeconds() - c0) * 1e9 / reps / g.Size);
        }
        t.Sort();
        Console.WriteLine(FormattableString.Invariant($"{model} {g.Name} ({g.Size} neurons): {BenchStats.Median(t):F3} ns/neuron (batches {string.Join(' ', t.Select(x => x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))})"));
    }
}
