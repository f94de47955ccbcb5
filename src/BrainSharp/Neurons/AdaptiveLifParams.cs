namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="AdaptiveLifNeuron"/> (Bellec et al. 2020 ALIF) in physical units.</summary>
public sealed record AdaptiveLifParams : INeuronParameters
{
    /// <summary>Membrane time constant, ms (default 20).</summary>
    public double TauM { get; init; } = 20;
    /// <summary>Adaptation time constant, ms (default 200; Bellec et al. use 200-2000).</summary>
    public double TauA { get; init; } = 200;
    /// <summary>Membrane resistance, GOhm (R I in mV for I in pA; default 0.1).</summary>
    public double R { get; init; } = 0.1;
    /// <summary>Resting potential, mV (default -70).</summary>
    public double EL { get; init; } = -70;
    /// <summary>Baseline threshold v_th, mV (default -60).</summary>
    public double VThreshold { get; init; } = -60;
    /// <summary>Threshold increase per unit of adaptation beta, mV (default 1.8).</summary>
    public double Beta { get; init; } = 1.8;
    /// <summary>True: reset by subtracting v_th - E_L (Bellec et al.); false: reset to VReset (default true).</summary>
    public bool ResetBySubtraction { get; init; } = true;
    /// <summary>Reset potential when not resetting by subtraction, mV (default -70).</summary>
    public double VReset { get; init; } = -70;
    /// <summary>Refractory period in which no spike is emitted (v keeps integrating), ms (default 2).</summary>
    public double Refractory { get; init; } = 2;
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(TauM), TauM);
        ParameterCheck.Positive(model, nameof(TauA), TauA);
        ParameterCheck.Positive(model, nameof(R), R);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(VThreshold), VThreshold);
        ParameterCheck.Less(model, nameof(EL), EL, nameof(VThreshold), VThreshold);
        ParameterCheck.NonNegative(model, nameof(Beta), Beta);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
