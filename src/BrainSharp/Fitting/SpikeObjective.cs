namespace BrainSharp.Fitting;

/// <summary>
/// Spike-train loss: the mean over protocols of the squared van Rossum distance between the model's spike times and
/// the recorded ones. Model spike times are interpolated within steps, so the loss and its forward-mode gradient are
/// smooth wherever the spike count is unchanged: a spike loss that carries useful gradients. With
/// <see cref="SpikeLoss.Gamma"/> the loss is instead 1 - the smooth gamma coincidence factor (Jolivet et al. 2008).
/// </summary>
public sealed class SpikeObjective : FitObjective
{
    /// <param name="model">the neuron model</param>
    /// <param name="currents">injected current per protocol, pA</param>
    /// <param name="dt">step, ms</param>
    /// <param name="spikeTimes">recorded spike times per protocol, ms, ascending</param>
    /// <param name="fit">parameters to fit (at most 8), with bounds</param>
    /// <param name="tau">van Rossum kernel time constant, ms</param>
    /// <param name="fixedValues">values for other parameters (defaults otherwise)</param>
    public SpikeObjective(TraceModel model, IReadOnlyList<double[]> currents, double dt, IReadOnlyList<double[]> spikeTimes,
        IReadOnlyList<FitParameter> fit, double tau = 10, IReadOnlyDictionary<string, double>? fixedValues = null)
        : base(model, fit, fixedValues)
    {
        if (currents.Count != spikeTimes.Count)
            throw new ArgumentException($"{model.Name}: {currents.Count} current protocols but {spikeTimes.Count} spike trains.");
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{model.Name}: dt must be positive (ms).");
        for (int k = 0; k < spikeTimes.Count; k++)
            for (int i = 1; i < spikeTimes[k].Length; i++)
                if (!(spikeTimes[k][i] >= spikeTimes[k][i - 1]))
                    throw new ArgumentException($"{model.Name}: spike times of protocol {k} are not ascending at index {i}.");
        Currents = currents; Dt = dt; SpikeTimes = spikeTimes; Tau = tau;
    }

    public IReadOnlyList<double[]> Currents { get; }
    public double Dt { get; }
    public IReadOnlyList<double[]> SpikeTimes { get; }
    public double Tau { get; }

    /// <summary>Which spike-train loss: the van Rossum distance (default) or 1 - the smooth gamma factor.</summary>
    public SpikeLoss Metric { get; init; } = SpikeLoss.VanRossum;
    /// <summary>Coincidence window of the gamma loss, ms (default 2, as Jolivet et al. 2008 use 4 ms wide windows).</summary>
    public double Delta { get; init; } = 2;
    /// <summary>Softness of the gamma loss's window edges, ms (default 0.5).</summary>
    public double Softness { get; init; } = 0.5;

    protected override T Compute<T>(T[] p)
    {
        T sum = T.Constant(0);
        var times = new List<T>();
        for (int k = 0; k < Currents.Count; k++)
        {
            var v = new T[Currents[k].Length];
            times.Clear();
            Model.Simulate<T>(p, Currents[k], Dt, v, times);
            sum = sum + (Metric == SpikeLoss.Gamma
                ? 1.0 - SpikeMetrics.SmoothGammaFactor<T>(times, SpikeTimes[k], Delta, Currents[k].Length * Dt, Softness)
                : SpikeMetrics.VanRossumSquared<T>(times, SpikeTimes[k], Tau));
        }
        return sum / Currents.Count;
    }
}
