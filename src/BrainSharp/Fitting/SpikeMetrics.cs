namespace BrainSharp.Fitting;

/// <summary>Distances and similarity scores between spike trains (times in ms, ascending).</summary>
public static class SpikeMetrics
{
    /// <summary>
    /// Squared van Rossum (2001) distance with an exponential kernel of time constant tau (ms), in closed form:
    /// D^2 = (1/2) [sum_ij e^{-|x_i - x_j|/tau} + sum_ij e^{-|y_i - y_j|/tau} - 2 sum_ij e^{-|x_i - y_j|/tau}],
    /// i.e. the L2 distance of the two trains filtered by e^{-t/tau}, divided by tau. Generic so that model spike
    /// times carrying derivatives give a differentiable loss, smooth wherever the spike count does not change.
    /// </summary>
    public static T VanRossumSquared<T>(IReadOnlyList<T> model, IReadOnlyList<double> data, double tau) where T : struct, IReal<T>
    {
        if (!(tau > 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "van Rossum distance: tau must be positive (ms).");
        T mm = T.Constant(0), md = T.Constant(0);
        double dd = 0;
        for (int i = 0; i < model.Count; i++)
            for (int j = 0; j < model.Count; j++)
                mm = mm + Kernel(model[i] - model[j], tau);
        for (int i = 0; i < data.Count; i++)
            for (int j = 0; j < data.Count; j++)
                dd += Math.Exp(-Math.Abs(data[i] - data[j]) / tau);
        for (int i = 0; i < model.Count; i++)
            for (int j = 0; j < data.Count; j++)
                md = md + Kernel(model[i] - data[j], tau);
        return (mm + dd - 2.0 * md) * 0.5;
    }

    private static T Kernel<T>(T dt, double tau) where T : struct, IReal<T>
        => dt.Value >= 0 ? T.Exp(-dt / tau) : T.Exp(dt / tau);

    /// <summary>
    /// Gamma coincidence factor (Kistler et al. 1997; Jolivet et al. 2008): (N_coinc - E[N_coinc]) / (N_data + N_model)/2,
    /// normalized by 1 - 2 nu_data delta, where E[N_coinc] = 2 nu_data delta N_model is the expectation for a Poisson
    /// train at the model's rate; a data spike coincides with at most one model spike within +-delta (ms).
    /// 1 for identical trains, about 0 for chance. <paramref name="duration"/> in ms.
    /// </summary>
    public static double GammaFactor(IReadOnlyList<double> model, IReadOnlyList<double> data, double delta, double duration)
    {
        if (!(delta > 0)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Gamma factor: delta must be positive (ms).");
        if (!(duration > 0)) throw new ArgumentOutOfRangeException(nameof(duration), duration, "Gamma factor: duration must be positive (ms).");
        if (model.Count == 0 && data.Count == 0) return 1.0;
        int coinc = 0, j = 0;
        for (int i = 0; i < data.Count; i++)
        {
            while (j < model.Count && model[j] < data[i] - delta) j++;
            if (j < model.Count && Math.Abs(model[j] - data[i]) <= delta) { coinc++; j++; }
        }
        double nuData = data.Count / duration;
        double expected = 2 * nuData * delta * model.Count;
        double norm = 1 - 2 * nuData * delta;
        return (coinc - expected) / (0.5 * (data.Count + model.Count)) / norm;
    }
    /// <summary>
    /// A differentiable relaxation of <see cref="GammaFactor"/>: coincidences are counted with a smoothed box,
    /// N_coinc = sum_ij s((delta + x_i - y_j)/eps) s((delta - x_i + y_j)/eps) with s the logistic function, instead of
    /// the hard window |x_i - y_j| &lt;= delta; the Jolivet normalization is unchanged. As eps -&gt; 0 it tends to the
    /// exact gamma factor wherever no two spikes of either train fall within 2 delta of one another (then every data
    /// spike has at most one model spike in its window, so the pair count and the greedy count agree) and no spike pair
    /// lies exactly at distance delta. Gradients flow through the model spike times <paramref name="model"/>
    /// (ms, ascending), so 1 - gamma can be minimized. <paramref name="softness"/> eps, ms.
    /// </summary>
    public static T SmoothGammaFactor<T>(IReadOnlyList<T> model, IReadOnlyList<double> data, double delta, double duration, double softness)
        where T : struct, IReal<T>
    {
        if (!(delta > 0)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Smooth gamma factor: delta must be positive (ms).");
        if (!(duration > 0)) throw new ArgumentOutOfRangeException(nameof(duration), duration, "Smooth gamma factor: duration must be positive (ms).");
        if (!(softness > 0) || !double.IsFinite(softness)) throw new ArgumentOutOfRangeException(nameof(softness), softness, "Smooth gamma factor: softness must be positive (ms).");
        if (model.Count == 0 && data.Count == 0) return T.Constant(1.0);
        // Pairs further apart than delta + 40 eps contribute less than e^-40: skip them (both trains are sorted).
        double reach = delta + 40 * softness;
        T coinc = T.Constant(0);
        int start = 0;
        for (int i = 0; i < model.Count; i++)
        {
            double x = model[i].Value;
            while (start < data.Count && data[start] < x - reach) start++;
            for (int j = start; j < data.Count && data[j] <= x + reach; j++)
            {
                T d = model[i] - data[j];
                coinc = coinc + Logistic((delta + d) / softness) * Logistic((delta - d) / softness);
            }
        }
        double nuData = data.Count / duration;
        double expected = 2 * nuData * delta * model.Count;
        double norm = 1 - 2 * nuData * delta;
        return (coinc - expected) / (0.5 * (data.Count + model.Count) * norm);
    }

    private static T Logistic<T>(T x) where T : struct, IReal<T> => 1.0 / (1.0 + T.Exp(-x));
}
