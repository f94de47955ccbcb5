using static BrainSharp.Bench.BenchStats;
using System.Text.Json;
using BrainSharp.Fitting;

namespace BrainSharp.Bench;

/// <summary>
/// `-- fit [target] [seeds]`: time for BrainSharp's gradient fitter (Levenberg-Marquardt on forward-mode Jacobians) and
/// for its own differential evolution to reach a target MSE on brian2modelfitting's HH tutorial, same objective,
/// same simulator, same seeds. Prints one JSON line per run and the medians. A warm-up fit runs first so that both
/// methods are timed with the code already compiled. Options after [screen] [starts]: `cheap-screen` ranks the screen on
/// protocol 0 only; `estimate` starts the gradient fit from the data-driven conductance estimate
/// (<see cref="TraceFitter.EstimateConductances"/>, its time included). Differential evolution always runs with its
/// defaults (population 30, best/1/bin, F 0.7, CR 0.9, uniform start over the box, at most 200 generations).
/// </summary>
public static class FitTimeToTarget
{
    public static void Run(double target, int seeds, int screen = 64, int starts = 8, bool cheapScreen = false, bool estimate = false)
    {
        var data = LoadTutorial();
        FitParameter[] ranges = [new("g_L", 0.002, 200), new("g_Na", 200, 400_000), new("g_Kd", 200, 200_000)];
        TraceObjective Objective() => new(new TraubMilesTraceModel(), data, ranges);
        new TraceFitter(Objective()) { Seed = 99, Screen = 4, Starts = 1, MaxIterations = 3, EstimateConductances = estimate }.FitGradient();
        if (estimate)
        {
            // Warm, single thread, median of 15, interleaved with plain evaluations so both see the same load.
            var times = new List<double>(); var plainTimes = new List<double>();
            double[] guess = [];
            var oe = Objective();
            for (int i = 0; i < 15; i++)
            {
                var sw0 = System.Diagnostics.Stopwatch.StartNew();
                guess = ConductanceEstimate.Estimate(oe);
                times.Add(sw0.Elapsed.TotalMilliseconds);
                sw0.Restart();
                oe.Loss(new double[3]);
                plainTimes.Add(sw0.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"conductance estimate (linear least squares on the recorded voltage, {Median(times):F2} ms = {Median(times) / Median(plainTimes):F1} plain evaluations, MSE at the estimate {Objective().Loss(ranges.Select((r, j) => r.ToUnconstrained(guess[j])).ToArray()):F3} mV^2): "
                + string.Join(", ", ranges.Select((r, j) => $"{r.Name} {guess[j]:G5} nS")));
        }
        new TraceFitter(Objective()) { Seed = 99 }.FitDifferentialEvolution(8, 2);

        {
            // Cost of one evaluation, single thread: plain float64 simulation vs forward mode with the Gauss-Newton matrix.
            var o = Objective();
            var u = new double[3]; var g = new double[3]; var h = new double[9];
            o.Loss(u); o.LossGradientAndGaussNewton(u, g, h);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 20; i++) o.Loss(u);
            double plain = sw.Elapsed.TotalMilliseconds / 20;
            sw.Restart();
            for (int i = 0; i < 20; i++) o.LossGradientAndGaussNewton(u, g, h);
            double dual = sw.Elapsed.TotalMilliseconds / 20;
            Console.WriteLine($"one evaluation ({data.Protocols} x {data.Samples} samples): plain {plain:F2} ms, forward mode + Gauss-Newton {dual:F2} ms ({dual / plain:F1}x)");
        }
        var grad = new List<double>(); var de = new List<double>();
        var gradEvals = new List<double>(); var deEvals = new List<double>();
        for (ulong seed = 1; seed <= (ulong)seeds; seed++)
        {
            var g = new TraceFitter(Objective())
            {
                Seed = seed, TargetLoss = target, Screen = screen, Starts = starts, EstimateConductances = estimate,
                // Optionally screen on the first protocol only (a fifth of the data).
                ScreenObjective = cheapScreen ? new TraceObjective(new TraubMilesTraceModel(), new TraceData(data.Dt, [data.Currents[0]], [data.Voltages[0]], "hh-tutorial[0]"), ranges) : null,
            }.FitGradient();
            var d = new TraceFitter(Objective()) { Seed = seed, TargetLoss = target }.FitDifferentialEvolution(30, 200);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                seed, target_mse_mv2 = target,
                gradient_seconds = g.TimeToLoss(target), gradient_evaluations = g.Evaluations, gradient_best = g.Loss,
                de_seconds = d.TimeToLoss(target), de_evaluations = d.Evaluations, de_best = d.Loss,
            }));
            grad.Add(g.TimeToLoss(target) ?? double.PositiveInfinity);
            de.Add(d.TimeToLoss(target) ?? double.PositiveInfinity);
            gradEvals.Add(EvaluationsToLoss(g, target)); deEvals.Add(EvaluationsToLoss(d, target));
        }
        double mg = Median(grad), md = Median(de);
        Console.WriteLine($"median time to MSE <= {target} mV^2 over {seeds} seeds (screen {screen}{(cheapScreen ? " on protocol 0" : "")}{(estimate ? " around the conductance estimate" : "")}, starts {starts}): gradient {mg:F3} s, differential evolution {md:F3} s, ratio {md / mg:F1}x");
        // Evaluations are load-independent: a gradient evaluation (Dual8) costs a few plain ones, see docs/benchmarks-fit2.md.
        Console.WriteLine($"median evaluations to target: gradient {Median(gradEvals):F0} (plain + forward-mode), differential evolution {Median(deEvals):F0}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private static double EvaluationsToLoss(FitResult r, double target)
    {
        foreach (var h in r.History) if (h.BestLoss <= target) return h.Evaluations;
        return double.PositiveInfinity;
    }


    private static TraceData LoadTutorial()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            var dir = Path.Combine(d.FullName, "data", "hh-tutorial"); // the repository's copy, else the workspace's shared/data
            if (!Directory.Exists(dir)) dir = Path.Combine(d.FullName, "..", "shared", "data", "hh-tutorial");
            if (Directory.Exists(dir))
                return new TraceData(0.01, TraceCsv.Read(Path.Combine(dir, "input_traces_hh.csv"), 1e12),
                    TraceCsv.Read(Path.Combine(dir, "output_traces_hh.csv")), "hh-tutorial");
        }
        throw new DirectoryNotFoundException("data/hh-tutorial not found in or beside the repository.");
    }
}
