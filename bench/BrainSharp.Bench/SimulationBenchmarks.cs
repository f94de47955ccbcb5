using BenchmarkDotNet.Attributes;
using BrainSharp.Connectivity;
using BrainSharp.Networks;
using BrainSharp.Running;

namespace BrainSharp.Bench;

/// <summary>
/// COBA / CUBA reference networks, 1 s of biological time at dt = 0.1 ms, loop time only (build excluded).
/// BenchmarkDotNet: <c>dotnet run -c Release --project bench/BrainSharp.Bench -- --filter '*SimulationBenchmarks*'</c>;
/// quick figure without BenchmarkDotNet: <c>dotnet run -c Release --project bench/BrainSharp.Bench -- sim [model] [neurons] [threads] [repeats]</c>.
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private Simulator? _sim;

    [Params("coba", "cuba")]
    public string Model { get; set; } = "coba";

    [Params(4000)]
    public int Neurons { get; set; }

    [IterationSetup]
    public void Setup()
    {
        var built = ReferenceNetworks.Create(Model).Build(Neurons, seed: 1, ConnectivityStorage.Csr, threads: 1);
        _sim = new Simulator(built.Network, 0.1);
    }

    [Benchmark]
    public void OneSecond() => _sim!.Run(1000);

    /// <summary>Builds and runs a model several times; prints build and loop seconds and the rate.</summary>
    public static void Quick(string model, int neurons, int threads, int repeats, ConnectivityStorage storage, double ms = 1000, bool warmup = true, bool euler = false)
    {
        // Warm-up run so that the JIT has produced optimized code (tiered PGO) before timing.
        for (int r = warmup ? 0 : 1; r < repeats + 1; r++)
        {
            var desc = ReferenceNetworks.Create(model);
            if (euler) desc.Set("euler", 1);
            var built = desc.Build(neurons, seed: (ulong)(r + 1), storage, threads);
            using var sim = new Simulator(built.Network, 0.1);
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var res = sim.Run(ms);
            var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            double nsPerNeuronStep = res.RunSeconds * 1e9 / (neurons * (double)res.Steps);
            Console.WriteLine(FormattableString.Invariant(
                $"{(r == 0 ? "warm-up" : $"run {r}")}: {model}{(euler ? " (Euler)" : "")} N={neurons} threads={threads} {storage} {ms} ms: build {res.BuildSeconds:F3} s, loop {res.RunSeconds:F4} s = {nsPerNeuronStep:F2} ns/neuron-step (process CPU {cpu:F4} s), rate {built.MeanRateHz:F2} Hz, peak memory {PeakMemoryMiB():F0} MiB{(threads > 1 ? $", chunks helped {built.Network.HelpedChunks}, units stolen {built.Network.StolenUnits}, placement checks {built.Network.PlacementCounts}" : "")}"));
        }
    }

    /// <summary>Peak resident set of this process so far, MiB (Linux VmHWM; the GC's peak working set elsewhere).</summary>
    public static double PeakMemoryMiB()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
