namespace BrainSharp.Learning.Layers;

/// <summary>
/// Configuration of <see cref="EISpikingNetwork{T}"/>. Voltages are in mV relative to rest, weights in mV
/// of synaptic drive R*I (the current a spike adds, in voltage units), times in ms.
/// Defaults: 80 % excitatory, tau_m 20 ms, tau_syn 5 ms, threshold 10 mV, soft reset, dt 1 ms,
/// readout tau 20 ms, no adaptation, all-to-all recurrence (no self-connections), Dale's law on,
/// current synapses, all time constants fixed. The neuron and synapse variants (threshold or current adaptation,
/// current or conductance synapses, trainable time constants) are orthogonal switches; the defaults give the plain
/// LIF/ALIF network with current synapses.
/// </summary>
public sealed record SpikingNetworkOptions
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
    /// <summary>Mechanism of the adaptive neurons: threshold (ALIF, default) or adaptation current (GIF).</summary>
    public AdaptationMechanism Adaptation { get; init; } = AdaptationMechanism.Threshold;
    /// <summary>
    /// Subthreshold coupling a of the adaptation current (dimensionless, a_AdEx / g_L; tau_w dw/dt = a (v - E_L) - w),
    /// default 0 (purely spike-triggered); only with <see cref="AdaptationMechanism.Current"/>.
    /// </summary>
    public double SubthresholdAdaptation { get; init; }
    /// <summary>Synapse model: current (default) or conductance-based exponential synapses.</summary>
    public SynapseModel Synapse { get; init; } = SynapseModel.Current;
    /// <summary>Excitatory reversal potential relative to rest (mV), conductance synapses; default 60 (E_e = 0 mV at E_L = -60 mV, AMPA; Brette et al. 2007 COBA).</summary>
    public double ExcitatoryReversalMv { get; init; } = 60;
    /// <summary>Inhibitory reversal potential relative to rest (mV), conductance synapses; default -20 (E_i = -80 mV at E_L = -60 mV, GABA_A; Brette et al. 2007 COBA).</summary>
    public double InhibitoryReversalMv { get; init; } = -20;
    /// <summary>Which time constants are trainable per-neuron parameters (log tau); default none.</summary>
    public TrainableTimeConstants TrainTimeConstants { get; init; } = TrainableTimeConstants.None;
    /// <summary>Lower bound of trainable time constants (ms); log tau is projected into [log min, log max] before every forward pass.</summary>
    public double MinTimeConstantMs { get; init; } = 1;
    /// <summary>Upper bound of trainable time constants (ms).</summary>
    public double MaxTimeConstantMs { get; init; } = 10000;
    /// <summary>Time step (ms).</summary>
    public double Dt { get; init; } = 1.0;
    /// <summary>Membrane time constant (ms).</summary>
    public double TauMemMs { get; init; } = 20;
    /// <summary>Synaptic current decay time constant (ms).</summary>
    public double TauSynMs { get; init; } = 5;
    /// <summary>Adaptation time constant (ms): tau_a of the threshold (ALIF) or tau_w of the adaptation current (GIF).</summary>
    public double TauAdaptMs { get; init; } = 2000;
    /// <summary>Per-spike increment for adaptive neurons (mV), decaying with TauAdaptMs: threshold increase (ALIF) or adaptation-current jump b in mV of drive, b R (GIF).</summary>
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
        if (!Enum.IsDefined(Adaptation)) throw new ArgumentOutOfRangeException(nameof(Adaptation), Adaptation, $"{m}: unknown Adaptation mechanism.");
        if (!Enum.IsDefined(Synapse)) throw new ArgumentOutOfRangeException(nameof(Synapse), Synapse, $"{m}: unknown Synapse model.");
        if (!Enum.IsDefined(Reset)) throw new ArgumentOutOfRangeException(nameof(Reset), Reset, $"{m}: unknown Reset mode.");
        Check(double.IsFinite(SubthresholdAdaptation) && SubthresholdAdaptation >= 0, nameof(SubthresholdAdaptation), SubthresholdAdaptation, "must be non-negative (dimensionless a / g_L)");
        if (SubthresholdAdaptation != 0 && Adaptation != AdaptationMechanism.Current)
            throw new ArgumentException($"{m}: SubthresholdAdaptation {SubthresholdAdaptation} needs Adaptation = Current (it couples the adaptation current to v).", nameof(SubthresholdAdaptation));
        if (Synapse == SynapseModel.Conductance)
        {
            Check(double.IsFinite(ExcitatoryReversalMv) && ExcitatoryReversalMv > ThresholdMv, nameof(ExcitatoryReversalMv), ExcitatoryReversalMv,
                $"must lie above the threshold {ThresholdMv} mV (relative to rest), or excitation cannot make the neuron fire");
            Check(double.IsFinite(InhibitoryReversalMv) && InhibitoryReversalMv <= 0, nameof(InhibitoryReversalMv), InhibitoryReversalMv,
                "must lie at or below rest (0 mV relative to rest)");
        }
        const TrainableTimeConstants all = TrainableTimeConstants.All;
        if ((TrainTimeConstants & ~all) != 0) throw new ArgumentOutOfRangeException(nameof(TrainTimeConstants), TrainTimeConstants, $"{m}: unknown TrainTimeConstants flags.");
        if (TrainTimeConstants.HasFlag(TrainableTimeConstants.AdaptationCurrent) && (Adaptation != AdaptationMechanism.Current || AdaptiveFraction == 0))
            throw new ArgumentException($"{m}: TrainTimeConstants includes AdaptationCurrent but the network has no adaptation current (Adaptation = {Adaptation}, AdaptiveFraction = {AdaptiveFraction}).", nameof(TrainTimeConstants));
        Check(MinTimeConstantMs > 0 && double.IsFinite(MinTimeConstantMs), nameof(MinTimeConstantMs), MinTimeConstantMs, "must be positive (ms)");
        Check(MaxTimeConstantMs > MinTimeConstantMs && double.IsFinite(MaxTimeConstantMs), nameof(MaxTimeConstantMs), MaxTimeConstantMs, $"must be finite and above MinTimeConstantMs {MinTimeConstantMs} ms");
        if (TrainTimeConstants.HasFlag(TrainableTimeConstants.Membrane)) CheckBounds(nameof(TauMemMs), TauMemMs);
        if (TrainTimeConstants.HasFlag(TrainableTimeConstants.Synapse)) CheckBounds(nameof(TauSynMs), TauSynMs);
        if (TrainTimeConstants.HasFlag(TrainableTimeConstants.AdaptationCurrent)) CheckBounds(nameof(TauAdaptMs), TauAdaptMs);
        if (!(Spike.Alpha > 0)) throw new ArgumentException($"{m}: Spike function {Spike} needs a positive slope.", nameof(Spike));
    }

    /// <summary>True when the network needs the general per-neuron kernels (GIF, conductances or trainable time constants) rather than the LIF/ALIF fast path.</summary>
    public bool UsesExtendedDynamics =>
        (Adaptation == AdaptationMechanism.Current && AdaptiveFraction > 0) || Synapse == SynapseModel.Conductance || TrainTimeConstants != TrainableTimeConstants.None;

    private void CheckBounds(string name, double tau)
        => Check(tau >= MinTimeConstantMs && tau <= MaxTimeConstantMs, name, tau, $"is trainable and must start inside [MinTimeConstantMs, MaxTimeConstantMs] = [{MinTimeConstantMs}, {MaxTimeConstantMs}] ms");

    private static void Check(bool ok, string name, double value, string what)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"EISpikingNetwork: {name} {what}.");
    }
}
