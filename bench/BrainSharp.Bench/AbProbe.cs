using static BrainSharp.Bench.BenchStats;
using BrainSharp.Connectivity;
using BrainSharp.Networks;
using BrainSharp.Running;

namespace BrainSharp.Bench;

/// <summary>
/// In-process A/B (`-- ab model neurons threads rounds A B [ms]`): two builds of one reference network (forward Euler
/// membrane), run alternately for <c>ms</c> of biological time per round, A first in even rounds and B first in odd ones.
/// A variant is a comma list of <c>threads=N</c> (overrides the thread count), <c>euler=0</c> (exponential Euler) and <c>NAME=value</c> environment variables
/// set before its build (<c>NAME=-</c> unsets), for toggles an experiment reads at build time.
/// Why: this machine's memory system slows down and recovers over seconds, so two configurations measured in separate
/// processes minutes apart differ by more than most changes do; alternating within one process exposes both to the same
/// periods. Prints each round and the medians, their ratio and the median of the per-round ratios. Fair between builds of
/// the same thread count only: a 1-thread build ran ~25 % slower alternated with a 2-thread build than with another
/// 1-thread build (design-perf7.md), so compare thread counts through the CLI (bench/peers/threads.py).
/// With BRAINSHARP_PINGPONG set to a build of bench/cmodel/line_pingpong.c, every run is followed by that probe, and each
/// run prints the round trips before and after it and its network's own placement verdicts (design-perf12.md).
/// </summary>
public static class AbProbe
{
    public static void Run(string[] args)
    {
        string model = args[1]; int n = int.Parse(args[2]); int threads = int.Parse(args[3]); int rounds = int.Parse(args[4]);
        string varA = args[5], varB = args[6];
        double ms = args.Length > 7 ? double.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture) : 300;
        Simulator Make(string vars)
        {
            int t = threads, euler = 1;
            foreach (var kv in vars.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var p = kv.Split('=', 2);
                if (p[0] == "threads") t = int.Parse(p[1]);
                else if (p[0] == "euler") euler = int.Parse(p[1]);
                else Environment.SetEnvironmentVariable(p[0], p[1] == "-" ? null : p[1]);
            }
            var desc = ReferenceNetworks.Create(model);
            if (model is "coba" or "cuba") desc.Set("euler", euler); // the only models with a membrane method choice
            var built = desc.Build(n, seed: 1, ConnectivityStorage.Csr, t);
            var sim = new Simulator(built.Network, 0.1);
            Console.WriteLine(FormattableString.Invariant($"warm-up [{vars}]: {sim.Run(ms).RunSeconds:F3} s"));
            return sim;
        }
        using var a = Make(varA);
        using var b = Make(varB);
        var ta = new List<double>(); var tb = new List<double>(); var ratios = new List<double>();
        // With BRAINSHARP_PINGPONG naming bench/cmodel/line_pingpong's binary, every run is bracketed by a measurement of
        // where the host has placed the two vCPUs (ns per line round trip), printed after its time, so that runs can be
        // sorted by placement (design-perf12.md).
        string? pingpong = Environment.GetEnvironmentVariable("BRAINSHARP_PINGPONG");
        double last = Placement(pingpong);
        string Timed(Simulator sim, out double t)
        {
            var c0 = sim.Network.PlacementCounts;
            t = sim.Run(ms).RunSeconds;
            var c1 = sim.Network.PlacementCounts;
            if (pingpong is null) return "";
            double before = last; last = Placement(pingpong);
            return FormattableString.Invariant($" (placement {before:F0}/{last:F0} ns, far {c1.Far - c0.Far}/{c1.Measured - c0.Measured})");
        }
        for (int r = 0; r < rounds; r++)
        {
            double x, y; string px, py;
            if (r % 2 == 0) { px = Timed(a, out x); py = Timed(b, out y); }
            else { py = Timed(b, out y); px = Timed(a, out x); }
            ta.Add(x); tb.Add(y); ratios.Add(x / y);
            Console.WriteLine(FormattableString.Invariant($"round {r}: A {x:F3} s{px}  B {y:F3} s{py}"));
        }
        Console.WriteLine(FormattableString.Invariant(
            $"A [{varA}] median {Median(ta):F3} s  B [{varB}] median {Median(tb):F3} s  A/B of medians {Median(ta) / Median(tb):F3}  median of round ratios {Median(ratios):F3}"));
    }

    /// <summary>Runs the line ping-pong binary and returns its round trip in ns (NaN without one).</summary>
    private static double Placement(string? binary)
    {
        if (binary is null) return double.NaN;
        var psi = new System.Diagnostics.ProcessStartInfo(binary) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        string o = p.StandardOutput.ReadToEnd(); p.WaitForExit();
        return double.Parse(o.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
