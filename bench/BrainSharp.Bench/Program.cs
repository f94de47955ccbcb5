using BenchmarkDotNet.Running;
using BrainSharp.Connectivity;

namespace BrainSharp.Bench;

/// <summary>
/// Entry point: `dotnet run -c Release --project bench/BrainSharp.Bench -- --filter '*'` for BenchmarkDotNet;
/// `-- probe [gemm]` for a quick Stopwatch check of the kernels (`gemm`: the GEMM part only, with its error against a naive loop);
/// `-- sim [model] [neurons] [threads] [repeats] [storage] [--ms duration] [--no-warmup] [--euler]` for a quick simulation timing
/// (with peak memory);
/// `-- scaling [neurons] [rate Hz] [ms]` for propagation time against the input spike count;
/// `-- ab model neurons threads rounds A B [ms]` for an in-process alternated A/B of two builds (see AbProbe);
/// `-- kernel [model] [neurons] [reps]` for the first group's update kernel alone (see KernelProbe);
/// `-- profile [model] [neurons] [ms] [euler]` for a per-phase profile of the single-thread step (euler: forward Euler membrane);
/// `-- fit [target-mse] [seeds] [screen] [starts] [cheap-screen] [estimate]` for the fitting time-to-target comparison;
/// `-- train-peer <dir> [options]` for the BrainSharp half of the PyTorch training side-by-side (bench/peers/train_compare.sh).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            Probe.Run(args);
            return;
        }
        if (args.Length > 0 && args[0] == "ab") { AbProbe.Run(args); return; }
        if (args.Length > 0 && args[0] == "kernel") { KernelProbe.Run(args); return; }
        if (args.Length > 0 && args[0] == "silent") { SilentProbe.Run(args); return; }
        if (args.Length > 0 && args[0] == "sim")
        {
            // Options after the positional arguments: --ms <duration> (default 1000), --no-warmup.
            var pos = new List<string>();
            double ms = 1000; bool warmup = true, euler = false;
            for (int a = 1; a < args.Length; a++)
            {
                if (args[a] == "--ms") ms = double.Parse(args[++a], System.Globalization.CultureInfo.InvariantCulture);
                else if (args[a] == "--no-warmup") warmup = false;
                else if (args[a] == "--euler") euler = true;
                else pos.Add(args[a]);
            }
            SimulationBenchmarks.Quick(pos.Count > 0 ? pos[0] : "coba", pos.Count > 1 ? int.Parse(pos[1]) : 4000,
                pos.Count > 2 ? int.Parse(pos[2]) : 1, pos.Count > 3 ? int.Parse(pos[3]) : 3,
                pos.Count > 4 ? Enum.Parse<ConnectivityStorage>(pos[4], true) : ConnectivityStorage.Csr, ms, warmup, euler);
            return;
        }
        if (args.Length > 0 && args[0] == "scaling")
        {
            PhaseProfile.Scaling(args.Length > 1 ? int.Parse(args[1]) : 4000,
                args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
                args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1000);
            return;
        }
        if (args.Length > 0 && args[0] == "profile")
        {
            PhaseProfile.Run(args.Length > 1 ? args[1] : "coba", args.Length > 2 ? int.Parse(args[2]) : 4000,
                args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1000,
                args.Length > 4 && args[4] == "euler");
            return;
        }
        if (args.Length > 0 && args[0] == "fit")
        {
            FitTimeToTarget.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.8,
                args.Length > 2 ? int.Parse(args[2]) : 5, args.Length > 3 ? int.Parse(args[3]) : 64, args.Length > 4 ? int.Parse(args[4]) : 8, args.Skip(5).Contains("cheap-screen"), args.Skip(5).Contains("estimate"));
            return;
        }
        if (args.Length > 0 && args[0] == "train-peer")
        {
            TrainPeer.Run(args);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
