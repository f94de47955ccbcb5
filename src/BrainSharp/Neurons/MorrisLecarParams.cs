namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="MorrisLecarNeuron"/>; defaults: Rinzel &amp; Ermentrout (1989) Hopf set (as BrainPy), on 1e-4 cm^2.</summary>
public sealed record MorrisLecarParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 2000 = 20 uF/cm^2).</summary>
    public double C { get; init; } = 2000;
    /// <summary>Calcium conductance, nS (default 440 = 4.4 mS/cm^2).</summary>
    public double GCa { get; init; } = 440;
    /// <summary>Potassium conductance, nS (default 800 = 8 mS/cm^2).</summary>
    public double GK { get; init; } = 800;
    /// <summary>Leak conductance, nS (default 200 = 2 mS/cm^2).</summary>
    public double GL { get; init; } = 200;
    /// <summary>Calcium reversal, mV (default 120).</summary>
    public double ECa { get; init; } = 120;
    /// <summary>Potassium reversal, mV (default -84).</summary>
    public double EK { get; init; } = -84;
    /// <summary>Leak reversal, mV (default -60).</summary>
    public double EL { get; init; } = -60;
    /// <summary>Half-activation of m_inf, mV (default -1.2).</summary>
    public double V1 { get; init; } = -1.2;
    /// <summary>Slope of m_inf, mV (default 18).</summary>
    public double V2 { get; init; } = 18;
    /// <summary>Half-activation of w_inf, mV (default 2).</summary>
    public double V3 { get; init; } = 2;
    /// <summary>Slope of w_inf, mV (default 30).</summary>
    public double V4 { get; init; } = 30;
    /// <summary>Rate scale of w, 1/ms (default 0.04).</summary>
    public double Phi { get; init; } = 0.04;
    /// <summary>Spike detection threshold (upward crossing), mV (default 0).</summary>
    public double SpikeThreshold { get; init; } = 0;
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(C), C);
        ParameterCheck.NonNegative(model, nameof(GCa), GCa);
        ParameterCheck.NonNegative(model, nameof(GK), GK);
        ParameterCheck.NonNegative(model, nameof(GL), GL);
        ParameterCheck.Finite(model, nameof(ECa), ECa);
        ParameterCheck.Finite(model, nameof(EK), EK);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(V1), V1);
        ParameterCheck.Positive(model, nameof(V2), V2);
        ParameterCheck.Finite(model, nameof(V3), V3);
        ParameterCheck.Positive(model, nameof(V4), V4);
        ParameterCheck.Positive(model, nameof(Phi), Phi);
        ParameterCheck.Finite(model, nameof(SpikeThreshold), SpikeThreshold);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
