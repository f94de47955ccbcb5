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
    public static void Quick(string model, int neurons, int threads, int repeats, ConnectivityStorage storage)
    {
        // Warm-up run so that the JIT has produced optimized code (tiered PGO) before timing.
        for (int r = 0; r < repeats + 1; r++)
        {
            var built = ReferenceNetworks.Create(model).Build(neurons, seed: (ulong)(r + 1), storage, threads);
            using var sim = new Simulator(built.Network, 0.1);
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var res = sim.Run(1000);
            var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"{(r == 0 ? "warm-up" : $"run {r}")}: {model} N={neurons} threads={threads} {storage}: build {res.BuildSeconds:F3} s, loop {res.RunSeconds:F4} s (process CPU {cpu:F4} s), rate {built.MeanRateHz:F2} Hz"));
        }
    }
}
