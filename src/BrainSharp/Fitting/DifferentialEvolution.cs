using BrainSharp.Random;

namespace BrainSharp.Fitting;

/// <summary>
/// Differential evolution (Storn &amp; Price 1997), the "best/1/bin" strategy that SciPy uses by default, over a box.
/// A gradient-free baseline: the comparison with the gradient fitter is made on the same objective and simulator.
/// Candidates of a generation are evaluated in parallel; draws come from Philox keyed by (seed, generation), so a
/// run is reproducible whatever the thread count.
/// </summary>
public sealed class DifferentialEvolution
{
    /// <summary>Population size.</summary>
    public int Population { get; init; } = 30;
    /// <summary>Differential weight F.</summary>
    public double Mutation { get; init; } = 0.7;
    /// <summary>Crossover probability CR.</summary>
    public double Crossover { get; init; } = 0.9;
    /// <summary>Maximum generations.</summary>
    public int MaxGenerations { get; init; } = 100;
    public ulong Seed { get; init; } = 1;

    /// <summary>Minimizes f over the box [0,1]^dim (the caller maps the box to parameters); returns the best point and value.
    /// <paramref name="onGeneration"/> is told (generation, best f) and may return false to stop.</summary>
    public (double[] Best, double Value) Minimize(int dim, Func<double[], double> f, Func<int, double, bool>? onGeneration = null)
    {
        if (Population < 4) throw new ArgumentOutOfRangeException(nameof(Population), Population, "DifferentialEvolution: population must be at least 4.");
        var pop = new double[Population][];
        var fit = new double[Population];
        var rs = new RandomStream(Seed, 0);
        for (int i = 0; i < Population; i++)
        {
            pop[i] = new double[dim];
            for (int j = 0; j < dim; j++) pop[i][j] = rs.NextDouble();
        }
        Parallel.For(0, Population, i => fit[i] = f(pop[i]));
        var trial = new double[Population][];
        var tfit = new double[Population];
        for (int i = 0; i < Population; i++) trial[i] = new double[dim];
        for (int gen = 0; gen < MaxGenerations; gen++)
        {
            int best = ArgMin(fit);
            if (onGeneration != null && !onGeneration(gen, fit[best])) break;
            for (int i = 0; i < Population; i++)
            {
                var r = new RandomStream(Seed, (ulong)(gen + 1) * 1_000_003UL + (ulong)i);
                int a, b;
                do a = r.NextInt(Population); while (a == i);
                do b = r.NextInt(Population); while (b == i || b == a);
                int jr = r.NextInt(dim);
                for (int j = 0; j < dim; j++)
                {
                    double x = (j == jr || r.NextDouble() < Crossover) ? pop[best][j] + Mutation * (pop[a][j] - pop[b][j]) : pop[i][j];
                    trial[i][j] = Math.Clamp(x, 1e-9, 1 - 1e-9);
                }
            }
            Parallel.For(0, Population, i => tfit[i] = f(trial[i]));
            for (int i = 0; i < Population; i++)
                if (tfit[i] <= fit[i]) { (pop[i], trial[i]) = (trial[i], pop[i]); fit[i] = tfit[i]; }
        }
        int bi = ArgMin(fit);
        return (pop[bi], fit[bi]);
    }

    private static int ArgMin(double[] v) { int b = 0; for (int i = 1; i < v.Length; i++) if (v[i] < v[b]) b = i; return b; }
}
