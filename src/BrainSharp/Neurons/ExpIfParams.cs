namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="ExpIfNeuron"/>; defaults: the Brette &amp; Gerstner (2005) cell without adaptation.</summary>
public sealed record ExpIfParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 281).</summary>
    public double C { get; init; } = 281;
    /// <summary>Leak conductance, nS (default 30).</summary>
    public double GL { get; init; } = 30;
    /// <summary>Leak reversal, mV (default -70.6).</summary>
    public double EL { get; init; } = -70.6;
    /// <summary>Exponential threshold, mV (default -50.4).</summary>
    public double VT { get; init; } = -50.4;
    /// <summary>Slope factor, mV (default 2).</summary>
    public double DeltaT { get; init; } = 2;
    /// <summary>Reset potential, mV (default -70.6).</summary>
    public double VReset { get; init; } = -70.6;
    /// <summary>Spike cut-off, mV (default 0).</summary>
    public double VPeak { get; init; } = 0;
    /// <summary>Refractory period with v clamped at VReset, ms (default 2).</summary>
    public double Refractory { get; init; } = 2;
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <summary>Rheobase current g_L (V_T - E_L - Delta_T), pA: the smallest constant current that makes the neuron fire.</summary>
    public double Rheobase => GL * (VT - EL - DeltaT);

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(C), C);
        ParameterCheck.Positive(model, nameof(GL), GL);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(VT), VT);
        ParameterCheck.Positive(model, nameof(DeltaT), DeltaT);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.Finite(model, nameof(VPeak), VPeak);
        ParameterCheck.Less(model, nameof(VReset), VReset, nameof(VPeak), VPeak);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
