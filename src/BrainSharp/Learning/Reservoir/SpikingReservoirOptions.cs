using BrainSharp.Neurons;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// Settings of a <see cref="SpikingReservoir"/> (a liquid state machine). Defaults: 400 LIF neurons (80 % excitatory),
/// p = 0.1, current-based exponential synapses (E 5 ms, I 10 ms), weights E +10 pA, I -40 pA (heterogeneous, uniform
/// 0.5-1.5 times), bias 110 pA (rheobase 100 pA: tonic firing that the input modulates), input weights N(0, 150 pA) on
/// half the neurons, dt 0.5 ms, one input sample per 20 ms, readout filter 20 ms. Tuned on delayed recall (design-res6.md):
/// weaker recurrence than this gave similar memory, stronger recurrence (E +60 pA) less, slow (20 ms) excitation runaway rates.
/// </summary>
public sealed class SpikingReservoirOptions
{
    /// <summary>Number of reservoir neurons (E + I).</summary>
    public int Neurons { get; init; } = 400;
    /// <summary>Fraction of excitatory neurons (Dale's law: E neurons only excite, I neurons only inhibit).</summary>
    public double ExcitatoryFraction { get; init; } = 0.8;
    /// <summary>Connection probability of every ordered pair of reservoir neurons (no self-connections).</summary>
    public double ConnectionProbability { get; init; } = 0.1;
    /// <summary>Number of input channels.</summary>
    public int Inputs { get; init; } = 1;
    /// <summary>How input channels reach the reservoir.</summary>
    public ReservoirInputMode InputMode { get; init; } = ReservoirInputMode.Current;
    /// <summary>Current mode: standard deviation of the input weight of a channel onto a neuron, pA per input unit.</summary>
    public double InputCurrentScalePa { get; init; } = 150;
    /// <summary>Probability that a channel reaches a given neuron (current mode), or that a Poisson source does (Poisson mode).</summary>
    public double InputConnectionProbability { get; init; } = 0.5;
    /// <summary>Poisson mode: Poisson sources per channel.</summary>
    public int PoissonSourcesPerChannel { get; init; } = 40;
    /// <summary>Poisson mode: rate of a source at input 0, Hz.</summary>
    public double PoissonBaseRateHz { get; init; } = 20;
    /// <summary>Poisson mode: rate change per input unit, Hz (the rate is clipped at 0).</summary>
    public double PoissonRateGainHz { get; init; } = 20;
    /// <summary>Poisson mode: weight of an input synapse, pA (excitatory, exponential synapse with <see cref="TauExcMs"/>).</summary>
    public double PoissonWeightPa { get; init; } = 40;
    /// <summary>Mean excitatory weight, pA (positive).</summary>
    public double WeightExcPa { get; init; } = 10;
    /// <summary>Mean inhibitory weight, pA (negative).</summary>
    public double WeightInhPa { get; init; } = -40;
    /// <summary>Excitatory synaptic time constant, ms.</summary>
    public double TauExcMs { get; init; } = 5;
    /// <summary>Inhibitory synaptic time constant, ms.</summary>
    public double TauInhMs { get; init; } = 10;
    /// <summary>Constant bias current into every reservoir neuron, pA (the default cell's rheobase is g_L (V_th - E_L) = 100 pA).</summary>
    public double BiasPa { get; init; } = 110;
    /// <summary>Cell parameters (default <see cref="LifParams.Coba"/>: C 200 pF, g_L 10 nS, E_L -60 mV, V_th -50 mV, t_ref 5 ms).</summary>
    public LifParams Cell { get; init; } = LifParams.Coba;
    /// <summary>Time constant of the exponential filter of each neuron's spike train (the readout features), ms.</summary>
    public double FilterTauMs { get; init; } = 20;
    /// <summary>Integration step, ms.</summary>
    public double Dt { get; init; } = 0.5;
    /// <summary>Duration of one input sample (inputs are held constant over it; one feature vector per sample), ms.</summary>
    public double SampleMs { get; init; } = 20;
    /// <summary>Seed of connectivity, weights, initial potentials and Poisson sources.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws naming the parameter and value if any setting is invalid.</summary>
    public void Validate()
    {
        const string m = "SpikingReservoir";
        if (Neurons < 2) throw new ArgumentOutOfRangeException(nameof(Neurons), Neurons, $"{m}: Neurons must be at least 2.");
        if (Inputs < 1) throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, $"{m}: Inputs must be positive.");
        if (!Enum.IsDefined(InputMode)) throw new ArgumentOutOfRangeException(nameof(InputMode), InputMode, $"{m}: InputMode {(int)InputMode} is not a ReservoirInputMode.");
        Check(ExcitatoryFraction > 0 && ExcitatoryFraction < 1, nameof(ExcitatoryFraction), ExcitatoryFraction, "must lie in (0, 1)");
        int nE = (int)Math.Round(ExcitatoryFraction * Neurons);
        if (nE < 1 || nE >= Neurons)
            throw new ArgumentOutOfRangeException(nameof(ExcitatoryFraction), ExcitatoryFraction, $"{m}: ExcitatoryFraction {ExcitatoryFraction} of {Neurons} neurons leaves an empty E or I population.");
        Check(ConnectionProbability >= 0 && ConnectionProbability <= 1, nameof(ConnectionProbability), ConnectionProbability, "must be a probability in [0, 1]");
        Check(InputConnectionProbability >= 0 && InputConnectionProbability <= 1, nameof(InputConnectionProbability), InputConnectionProbability, "must be a probability in [0, 1]");
        Check(double.IsFinite(InputCurrentScalePa) && InputCurrentScalePa >= 0, nameof(InputCurrentScalePa), InputCurrentScalePa, "must be finite and non-negative (pA)");
        if (PoissonSourcesPerChannel < 1) throw new ArgumentOutOfRangeException(nameof(PoissonSourcesPerChannel), PoissonSourcesPerChannel, $"{m}: PoissonSourcesPerChannel must be positive.");
        Check(PoissonBaseRateHz >= 0 && double.IsFinite(PoissonBaseRateHz), nameof(PoissonBaseRateHz), PoissonBaseRateHz, "must be finite and non-negative (Hz)");
        Check(double.IsFinite(PoissonRateGainHz), nameof(PoissonRateGainHz), PoissonRateGainHz, "must be finite (Hz)");
        Check(PoissonWeightPa >= 0 && double.IsFinite(PoissonWeightPa), nameof(PoissonWeightPa), PoissonWeightPa, "must be finite and non-negative (pA; input synapses are excitatory)");
        Check(WeightExcPa >= 0 && double.IsFinite(WeightExcPa), nameof(WeightExcPa), WeightExcPa, "must be finite and non-negative (pA; Dale's law)");
        Check(WeightInhPa <= 0 && double.IsFinite(WeightInhPa), nameof(WeightInhPa), WeightInhPa, "must be finite and non-positive (pA; Dale's law)");
        Check(TauExcMs > 0 && double.IsFinite(TauExcMs), nameof(TauExcMs), TauExcMs, "must be positive (ms)");
        Check(TauInhMs > 0 && double.IsFinite(TauInhMs), nameof(TauInhMs), TauInhMs, "must be positive (ms)");
        Check(double.IsFinite(BiasPa), nameof(BiasPa), BiasPa, "must be finite (pA)");
        Check(FilterTauMs > 0 && double.IsFinite(FilterTauMs), nameof(FilterTauMs), FilterTauMs, "must be positive (ms)");
        Check(Dt > 0 && double.IsFinite(Dt), nameof(Dt), Dt, "must be positive (ms)");
        Check(SampleMs > 0 && double.IsFinite(SampleMs), nameof(SampleMs), SampleMs, "must be positive (ms)");
        double steps = SampleMs / Dt;
        if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * steps || Math.Round(steps) < 1)
            throw new ArgumentOutOfRangeException(nameof(SampleMs), SampleMs, $"{m}: SampleMs {SampleMs} must be a whole multiple of Dt {Dt}.");
        ArgumentNullException.ThrowIfNull(Cell, nameof(Cell));
        Cell.Validate(m);
    }

    private static void Check(bool ok, string name, double value, string what)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"SpikingReservoir: {name} {what}, got {value}.");
    }
}
