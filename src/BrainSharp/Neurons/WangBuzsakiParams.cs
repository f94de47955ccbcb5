namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="WangBuzsakiNeuron"/> (Wang &amp; Buzsaki 1996), as absolute values on 1e-4 cm^2.</summary>
public sealed record WangBuzsakiParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 100 = 1 uF/cm^2).</summary>
    public double C { get; init; } = 100;
    /// <summary>Sodium conductance, nS (default 3500 = 35 mS/cm^2).</summary>
    public double GNa { get; init; } = 3500;
    /// <summary>Potassium conductance, nS (default 900 = 9 mS/cm^2).</summary>
    public double GK { get; init; } = 900;
    /// <summary>Leak conductance, nS (default 10 = 0.1 mS/cm^2).</summary>
    public double GL { get; init; } = 10;
    /// <summary>Sodium reversal, mV (default 55).</summary>
    public double ENa { get; init; } = 55;
    /// <summary>Potassium reversal, mV (default -90).</summary>
    public double EK { get; init; } = -90;
    /// <summary>Leak reversal, mV (default -65).</summary>
    public double EL { get; init; } = -65;
    /// <summary>Temperature factor phi of the h and n kinetics (default 5).</summary>
    public double Phi { get; init; } = 5;
    /// <summary>Spike detection threshold (upward crossing), mV (default 0).</summary>
    public double SpikeThreshold { get; init; } = 0;
    /// <summary>Refractory period during which no spike is detected, ms (default 0).</summary>
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
        ParameterCheck.Positive(model, nameof(Phi), Phi);
        ParameterCheck.Finite(model, nameof(SpikeThreshold), SpikeThreshold);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
