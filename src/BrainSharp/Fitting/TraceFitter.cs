using System.Diagnostics;
using BrainSharp.Random;

namespace BrainSharp.Fitting;

/// <summary>
/// Fits a <see cref="TraceModel"/> to recordings. The gradient method screens a batch of seeded random candidates
/// with cheap plain simulations, then runs L-BFGS with exact forward-mode gradients from the best few, in parallel
/// (a multi-start: HH fits have several basins). <see cref="FitDifferentialEvolution"/> is the gradient-free
/// baseline on the same objective.
/// </summary>
public sealed class TraceFitter
{
    public TraceFitter(FitObjective objective) { Objective = objective; }

    public FitObjective Objective { get; }

    /// <summary>Random candidates screened before the gradient phase.</summary>
    public int Screen { get; init; } = 64;
    /// <summary>How many of the best screened candidates start an L-BFGS run.</summary>
    public int Starts { get; init; } = 8;
    /// <summary>L-BFGS iterations per start.</summary>
    public int MaxIterations { get; init; } = 150;
    /// <summary>Stop everything once the best loss reaches this (mV^2); 0 runs to convergence.</summary>
    public double TargetLoss { get; init; } = 0;
    public ulong Seed { get; init; } = 1;
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Optional initial guess for the fitted parameters (model units, in <see cref="FitObjective.Fit"/> order), e.g. from a
    /// cheap data-driven estimate: the screen then draws its candidates around it (spread <see cref="InitialSpread"/> in
    /// the unconstrained coordinates) and always includes the guess itself, instead of sampling the whole box.
    /// </summary>
    public double[]? InitialValues { get; init; }
    /// <summary>
    /// Data-driven start for conductance-based models (default false): before the screen, estimate the fitted
    /// capacitance and maximal conductances by linear least squares on the recorded traces
    /// (<see cref="ConductanceEstimate"/>; the time counts in the fit's wall time) and use the estimate as
    /// <see cref="InitialValues"/>. Needs a <see cref="TraceObjective"/> on an <see cref="IConductanceBasedModel"/>;
    /// cannot be combined with explicit <see cref="InitialValues"/>.
    /// </summary>
    public bool EstimateConductances { get; init; }

    /// <summary>The initial guess the last <see cref="FitGradient"/> used (model units, <see cref="FitObjective.Fit"/> order), or null when it sampled the whole box.</summary>
    public double[]? LastInitialGuess { get; private set; }

    /// <summary>Standard deviation of the screened candidates around <see cref="InitialValues"/>, unconstrained units (default 0.3).</summary>
    public double InitialSpread { get; init; } = 0.3;

    /// <summary>
    /// Optional cheaper objective for the screen (e.g. the same model on a subset of the protocols or samples), with the
    /// same fitted parameters: screening many candidates on less data costs less, and the gradient phase then runs on
    /// the full objective.
    /// </summary>
    public FitObjective? ScreenObjective { get; init; }

    /// <summary>Local optimizer of the gradient phase.</summary>
    public GradientMethod Method { get; init; } = GradientMethod.LevenbergMarquardt;

    /// <summary>Multi-start gradient fit (Levenberg-Marquardt or L-BFGS) with exact forward-mode gradients.</summary>
    public FitResult FitGradient(Action<FitProgress>? progress = null)
    {
        var sw = Stopwatch.StartNew();
        var tracker = new BestTracker(sw, Objective, progress);
        int dim = Objective.Dimension;
        var opts = new ParallelOptions { MaxDegreeOfParallelism = MaxThreads };

        var cand = new double[Screen][];
        var loss = new double[Screen];
        double[]? u0 = null;
        var initial = InitialValues;
        if (EstimateConductances)
        {
            if (InitialValues != null)
                throw new ArgumentException($"{Objective.Model.Name}: give either initial values or the conductance estimate, not both.");
            if (Objective is not TraceObjective traceObjective)
                throw new ArgumentException($"{Objective.Model.Name}: the conductance estimate needs a voltage-trace objective (TraceObjective), not {Objective.GetType().Name}.");
            initial = ConductanceEstimate.Estimate(traceObjective);
        }
        LastInitialGuess = initial == null ? null : (double[])initial.Clone();
        if (initial != null)
        {
            if (initial.Length != dim)
                throw new ArgumentException($"{Objective.Model.Name}: {initial.Length} initial values for {dim} fitted parameters.");
            u0 = new double[dim];
            for (int j = 0; j < dim; j++)
            {
                var f = Objective.Fit[j];
                // A guess on or outside a bound is pulled just inside it.
                double margin = 1e-3 * (f.Upper - f.Lower);
                u0[j] = f.ToUnconstrained(Math.Clamp(initial[j], f.Lower + margin, f.Upper - margin));
            }
        }
        for (int i = 0; i < Screen; i++)
        {
            var rs = new RandomStream(Seed, (ulong)i);
            cand[i] = new double[dim];
            for (int j = 0; j < dim; j++)
                cand[i][j] = u0 == null ? FitParameter.FromFraction(0.01 + 0.98 * rs.NextDouble())
                           : i == 0 ? u0[j] : u0[j] + InitialSpread * rs.NextNormal();
        }
        if (ScreenObjective != null)
        {
            if (ScreenObjective.Dimension != dim || !ScreenObjective.Fit.Select(f => f.Name).SequenceEqual(Objective.Fit.Select(f => f.Name)))
                throw new ArgumentException($"{Objective.Model.Name}: the screen objective must fit the same parameters ({string.Join(", ", Objective.Fit.Select(f => f.Name))}).");
            // Screen losses are on other data: rank by them, but offer only full-objective losses to the tracker.
            Parallel.For(0, Screen, opts, i => loss[i] = ScreenObjective.Loss(cand[i]));
        }
        else Parallel.For(0, Screen, opts, i => { loss[i] = Objective.Loss(cand[i]); tracker.Offer(cand[i], loss[i]); });
        var order = Enumerable.Range(0, Screen).OrderBy(i => loss[i]).Take(Math.Min(Starts, Screen)).ToArray();

        Func<int, double, bool> goOn = (_, _) => !tracker.TargetReached(TargetLoss);
        Parallel.ForEach(order, opts, i =>
        {
            var x = (double[])cand[i].Clone();
            if (Method == GradientMethod.Adam)
                RunAdam(x, tracker);
            else if (Method == GradientMethod.Lbfgs || Objective is not TraceObjective trace)
                new Lbfgs { MaxIterations = MaxIterations }.Minimize(x, (xx, g) => Offer(tracker, xx, Objective.LossAndGradient(xx, g)), goOn);
            else
                new LevenbergMarquardt { MaxIterations = MaxIterations }.Minimize(x,
                    (xx, g, h) => Offer(tracker, xx, trace.LossGradientAndGaussNewton(xx, g, h)),
                    xx => Offer(tracker, xx, Objective.Loss(xx)), goOn);
        });
        string name = Method switch
        {
            GradientMethod.Adam => "adam",
            GradientMethod.Lbfgs => "lbfgs",
            _ => Objective is TraceObjective ? "levenberg-marquardt" : "lbfgs",
        };
        return tracker.Result(name, Objective);
    }

    /// <summary>Learning rate of the Adam method, in unconstrained units per step.</summary>
    public double AdamLearningRate { get; init; } = 0.05;

    private void RunAdam(double[] x, BestTracker tracker)
    {
        var adam = new BrainSharp.Optimizers.Adam<double>(AdamLearningRate);
        var param = new BrainSharp.Numerics.Tensor<double>(x, x.Length);
        var grad = new BrainSharp.Numerics.Tensor<double>(x.Length);
        for (int it = 0; it < MaxIterations * 5 && !tracker.TargetReached(TargetLoss); it++)
        {
            double f = Objective.LossAndGradient(x, grad.Data);
            tracker.Offer(x, f);
            if (!double.IsFinite(f)) break;
            adam.Step([param], [grad]);
        }
    }

    /// <summary>The loss of a point of the unit box that the gradient-free searches explore: fractions of each (log-)range.</summary>
    private Func<double[], double> BoxLoss(BestTracker tracker) => box =>
    {
        var u = new double[box.Length];
        for (int j = 0; j < u.Length; j++) u[j] = FitParameter.FromFraction(box[j]);
        return Offer(tracker, u, Objective.Loss(u));
    };

    private static double Offer(BestTracker t, double[] u, double f) { t.Offer(u, f); return f; }

    /// <summary>Differential evolution over the same (log-)box, evaluated with plain simulations.</summary>
    public FitResult FitDifferentialEvolution(int population = 30, int maxGenerations = 200, Action<FitProgress>? progress = null)
    {
        var sw = Stopwatch.StartNew();
        var tracker = new BestTracker(sw, Objective, progress);
        var de = new DifferentialEvolution { Population = population, MaxGenerations = maxGenerations, Seed = Seed };
        de.Minimize(Objective.Dimension, BoxLoss(tracker), (_, _) => !tracker.TargetReached(TargetLoss));
        return tracker.Result("differential-evolution", Objective);
    }

    /// <summary>CMA-ES over the same (log-)box, evaluated with plain simulations.</summary>
    public FitResult FitCmaEs(int population = 0, int maxGenerations = 200, Action<FitProgress>? progress = null)
    {
        var sw = Stopwatch.StartNew();
        var tracker = new BestTracker(sw, Objective, progress);
        var es = new CmaEs { Population = population, MaxGenerations = maxGenerations, Seed = Seed };
        es.Minimize(Objective.Dimension, BoxLoss(tracker), (_, _) => !tracker.TargetReached(TargetLoss));
        return tracker.Result("cma-es", Objective);
    }

    /// <summary>Keeps the best point seen by any thread, with a time-stamped history of improvements.</summary>
    private sealed class BestTracker(Stopwatch clock, FitObjective objective, Action<FitProgress>? progress)
    {
        private readonly object _lock = new();
        private readonly List<FitProgress> _history = new();
        private double _best = double.PositiveInfinity;
        private double[]? _bestU;

        public void Offer(double[] u, double f)
        {
            if (!(f < _best)) return;
            FitProgress p;
            lock (_lock)
            {
                if (!(f < _best)) return;
                _best = f; _bestU = (double[])u.Clone();
                p = new FitProgress(clock.Elapsed.TotalSeconds, objective.Evaluations, f);
                _history.Add(p);
            }
            progress?.Invoke(p);
        }

        public bool TargetReached(double target) => target > 0 && Volatile.Read(ref _best) <= target;

        public FitResult Result(string method, FitObjective o)
        {
            if (_bestU == null) throw new InvalidOperationException($"{o.Model.Name}: every candidate gave a non-finite loss.");
            return new FitResult(method, o.Fit, o.FittedValues(_bestU), _best, o.Evaluations, clock.Elapsed.TotalSeconds, _history.ToArray());
        }
    }
}
