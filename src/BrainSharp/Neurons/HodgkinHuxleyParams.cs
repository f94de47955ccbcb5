namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="HodgkinHuxleyNeuron"/>; defaults as NEST's hh_psc_alpha (squid axon, area 1e-4 cm^2).</summary>
public sealed record HodgkinHuxleyParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 100, i.e. 1 uF/cm^2 on 1e-4 cm^2).</summary>
    public double C { get; init; } = 100;
    /// <summary>Sodium conductance, nS (default 12000 = 120 mS/cm^2).</summary>
    public double GNa { get; init; } = 12000;
    /// <summary>Potassium conductance, nS (default 3600 = 36 mS/cm^2).</summary>
    public double GK { get; init; } = 3600;
    /// <summary>Leak conductance, nS (default 30 = 0.3 mS/cm^2).</summary>
    public double GL { get; init; } = 30;
    /// <summary>Sodium reversal, mV (default 50).</summary>
    public double ENa { get; init; } = 50;
    /// <summary>Potassium reversal, mV (default -77).</summary>
    public double EK { get; init; } = -77;
    /// <summary>Leak reversal, mV (default -54.387, which puts rest at -65 mV).</summary>
    public double EL { get; init; } = -54.387;
    /// <summary>Spike detection threshold (upward crossing), mV (default 0).</summary>
    public double SpikeThreshold { get; init; } = 0;
    /// <summary>Refractory period during which no spike is detected (dynamics continue), ms (default 0).</summary>
    public double Refractory { get; init; }
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(C), C);
        ParameterCheck.NonNegative(model, nameof(GNa), GNa);
        ParameterCheck.NonNegative(model, nameof(GK), GK);
        ParameterCheck.NonNegative(model, nameof(GL), GL);
        ParameterCheck.Finite(model, nameof(ENa), ENa);
        ParameterCheck.Finite(model, nameof(EK), EK);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(SpikeThreshold), SpikeThreshold);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
