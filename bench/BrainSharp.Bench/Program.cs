using BenchmarkDotNet.Running;
using BrainSharp.Connectivity;

namespace BrainSharp.Bench;

/// <summary>
/// Entry point: `dotnet run -c Release --project bench/BrainSharp.Bench -- --filter '*'` for BenchmarkDotNet;
/// `-- probe` for a quick Stopwatch check of the kernels;
/// `-- sim [model] [neurons] [threads] [repeats] [storage]` for a quick simulation timing;
/// `-- fit [target-mse] [seeds] [screen] [starts] [cheap-screen]` for the fitting time-to-target comparison.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            Probe.Run();
            return;
        }
        if (args.Length > 0 && args[0] == "sim")
        {
            SimulationBenchmarks.Quick(args.Length > 1 ? args[1] : "coba", args.Length > 2 ? int.Parse(args[2]) : 4000,
                args.Length > 3 ? int.Parse(args[3]) : 1, args.Length > 4 ? int.Parse(args[4]) : 3,
                args.Length > 5 ? Enum.Parse<ConnectivityStorage>(args[5], true) : ConnectivityStorage.Csr);
            return;
        }
        if (args.Length > 0 && args[0] == "fit")
        {
            FitTimeToTarget.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.8,
                args.Length > 2 ? int.Parse(args[2]) : 5, args.Length > 3 ? int.Parse(args[3]) : 64, args.Length > 4 ? int.Parse(args[4]) : 8, args.Length > 5 && args[5] == "cheap-screen");
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
