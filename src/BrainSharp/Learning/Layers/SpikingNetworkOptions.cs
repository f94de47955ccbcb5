namespace BrainSharp.Learning.Layers;

/// <summary>
/// Configuration of <see cref="EISpikingNetwork{T}"/>. Voltages are in mV relative to rest, weights in mV
/// of synaptic drive R*I (the current a spike adds, in voltage units), times in ms.
/// Defaults: 80 % excitatory, tau_m 20 ms, tau_syn 5 ms, threshold 10 mV, soft reset, dt 1 ms,
/// readout tau 20 ms, no adaptation, all-to-all recurrence (no self-connections), Dale's law on.
/// </summary>
public sealed class SpikingNetworkOptions
{
    /// <summary>Number of input channels.</summary>
    public int Inputs { get; init; }
    /// <summary>Number of recurrent spiking neurons.</summary>
    public int Neurons { get; init; } = 200;
    /// <summary>Number of leaky readout units (classes).</summary>
    public int Outputs { get; init; } = 2;
    /// <summary>Fraction of excitatory neurons (the first round(f N) are excitatory).</summary>
    public double ExcitatoryFraction { get; init; } = 0.8;
    /// <summary>Enforce Dale's law: W = |W_raw| * sign(presynaptic type) * mask.</summary>
    public bool DalesLaw { get; init; } = true;
    /// <summary>Fraction of neurons with threshold adaptation (ALIF, Bellec et al. 2018), spread evenly over E and I.</summary>
    public double AdaptiveFraction { get; init; }
    /// <summary>Time step (ms).</summary>
    public double Dt { get; init; } = 1.0;
    /// <summary>Membrane time constant (ms).</summary>
    public double TauMemMs { get; init; } = 20;
    /// <summary>Synaptic current decay time constant (ms).</summary>
    public double TauSynMs { get; init; } = 5;
    /// <summary>Threshold adaptation time constant (ms).</summary>
    public double TauAdaptMs { get; init; } = 2000;
    /// <summary>Threshold increase per spike for adaptive neurons (mV), decaying with TauAdaptMs.</summary>
    public double AdaptationMv { get; init; } = 1.0;
    /// <summary>Readout time constant (ms).</summary>
    public double TauOutMs { get; init; } = 20;
    /// <summary>Spike threshold above rest (mV).</summary>
    public double ThresholdMv { get; init; } = 10;
    /// <summary>Reset after a spike.</summary>
    public ResetMode Reset { get; init; } = ResetMode.Soft;
    /// <summary>Spike function and its pseudo-derivative.</summary>
    public SpikeFunction Spike { get; init; } = SpikeFunction.Triangle(0.3);
    /// <summary>Connection probability of the recurrent mask (1 = all-to-all without self-connections).</summary>
    public double ConnectionProbability { get; init; } = 1.0;
    /// <summary>If set, the connection probability falls off as exp(-d^2 / (2 sigma^2)) with distance d on a ring of circumference 1 (neurons equally spaced); sigma dimensionless.</summary>
    public double? DistanceSigma { get; init; }
    /// <summary>Scale of the initial input weights (multiplies theta / sqrt(inputs)).</summary>
    public double InputScale { get; init; } = 1.0;
    /// <summary>Scale of the initial recurrent weights (multiplies theta / sqrt(fan-in)).</summary>
    public double RecurrentScale { get; init; } = 0.5;
    /// <summary>Seed of the initial weights and the connectivity mask.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws naming the parameter if any value is invalid.</summary>
    public void Validate()
    {
        const string m = "EISpikingNetwork";
        if (Inputs <= 0) throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, $"{m}: Inputs must be positive.");
        if (Neurons <= 0) throw new ArgumentOutOfRangeException(nameof(Neurons), Neurons, $"{m}: Neurons must be positive.");
        if (Outputs <= 0) throw new ArgumentOutOfRangeException(nameof(Outputs), Outputs, $"{m}: Outputs must be positive.");
        Check(ExcitatoryFraction >= 0 && ExcitatoryFraction <= 1, nameof(ExcitatoryFraction), ExcitatoryFraction, "must lie in [0, 1]");
        Check(AdaptiveFraction >= 0 && AdaptiveFraction <= 1, nameof(AdaptiveFraction), AdaptiveFraction, "must lie in [0, 1]");
        Check(Dt > 0 && double.IsFinite(Dt), nameof(Dt), Dt, "must be positive (ms)");
        Check(TauMemMs > 0 && double.IsFinite(TauMemMs), nameof(TauMemMs), TauMemMs, "must be positive (ms)");
        Check(TauSynMs > 0 && double.IsFinite(TauSynMs), nameof(TauSynMs), TauSynMs, "must be positive (ms)");
        Check(TauAdaptMs > 0 && double.IsFinite(TauAdaptMs), nameof(TauAdaptMs), TauAdaptMs, "must be positive (ms)");
        Check(TauOutMs > 0 && double.IsFinite(TauOutMs), nameof(TauOutMs), TauOutMs, "must be positive (ms)");
        Check(AdaptationMv >= 0 && double.IsFinite(AdaptationMv), nameof(AdaptationMv), AdaptationMv, "must be non-negative (mV)");
        Check(ThresholdMv > 0 && double.IsFinite(ThresholdMv), nameof(ThresholdMv), ThresholdMv, "must be positive (mV)");
        Check(ConnectionProbability >= 0 && ConnectionProbability <= 1, nameof(ConnectionProbability), ConnectionProbability, "must be a probability in [0, 1]");
        if (DistanceSigma is double s) Check(s > 0 && double.IsFinite(s), nameof(DistanceSigma), s, "must be positive");
        Check(InputScale >= 0 && double.IsFinite(InputScale), nameof(InputScale), InputScale, "must be non-negative");
        Check(RecurrentScale >= 0 && double.IsFinite(RecurrentScale), nameof(RecurrentScale), RecurrentScale, "must be non-negative");
        if (!(Spike.Alpha > 0)) throw new ArgumentException($"{m}: Spike function {Spike} needs a positive slope.", nameof(Spike));
    }

    private static void Check(bool ok, string name, double value, string what)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"EISpikingNetwork: {name} {what}.");
    }
}
