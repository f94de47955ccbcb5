namespace BrainSharp.Neurons;

/// <summary>
/// Parameters of <see cref="AdExNeuron"/>. Defaults: Brette &amp; Gerstner (2005) regular-spiking cell. Presets from
/// Naud et al. (2008) Table 1 (the step current each was shown with is in the preset's doc comment).
/// </summary>
public sealed record AdExParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 281).</summary>
    public double C { get; init; } = 281;
    /// <summary>Leak conductance, nS (default 30).</summary>
    public double GL { get; init; } = 30;
    /// <summary>Leak reversal, mV (default -70.6).</summary>
    public double EL { get; init; } = -70.6;
    /// <summary>Exponential threshold (rheobase potential), mV (default -50.4).</summary>
    public double VT { get; init; } = -50.4;
    /// <summary>Slope factor, mV (default 2).</summary>
    public double DeltaT { get; init; } = 2;
    /// <summary>Adaptation time constant, ms (default 144).</summary>
    public double TauW { get; init; } = 144;
    /// <summary>Subthreshold adaptation, nS (default 4).</summary>
    public double A { get; init; } = 4;
    /// <summary>Spike-triggered adaptation increment, pA (default 80.5).</summary>
    public double B { get; init; } = 80.5;
    /// <summary>Reset potential, mV (default -70.6).</summary>
    public double VReset { get; init; } = -70.6;
    /// <summary>Spike cut-off: a spike is v &gt; VPeak, mV (default 0, as NEST aeif models).</summary>
    public double VPeak { get; init; } = 0;
    /// <summary>Refractory period with v clamped at VReset, ms (default 0).</summary>
    public double Refractory { get; init; }
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <summary>Brette &amp; Gerstner (2005) regular spiking.</summary>
    public static AdExParams BretteGerstner2005 { get; } = new();
    /// <summary>Naud et al. (2008) tonic spiking (Fig. 4a; shown with 500 pA).</summary>
    public static AdExParams NaudTonic { get; } = new() { C = 200, GL = 10, EL = -70, VT = -50, DeltaT = 2, A = 2, TauW = 30, B = 0, VReset = -58 };
    /// <summary>Naud et al. (2008) adaptation (Fig. 4b; 500 pA).</summary>
    public static AdExParams NaudAdapting { get; } = new() { C = 200, GL = 12, EL = -70, VT = -50, DeltaT = 2, A = 2, TauW = 300, B = 60, VReset = -58 };
    /// <summary>Naud et al. (2008) initial burst (Fig. 4c; 400 pA).</summary>
    public static AdExParams NaudInitialBurst { get; } = new() { C = 130, GL = 18, EL = -58, VT = -50, DeltaT = 2, A = 4, TauW = 150, B = 120, VReset = -50 };
    /// <summary>Naud et al. (2008) regular bursting (Fig. 4d; 210 pA).</summary>
    public static AdExParams NaudRegularBursting { get; } = new() { C = 200, GL = 10, EL = -58, VT = -50, DeltaT = 2, A = 2, TauW = 120, B = 100, VReset = -46 };
    /// <summary>Naud et al. (2008) delayed accelerating (Fig. 4e; 300 pA).</summary>
    public static AdExParams NaudDelayedAccelerating { get; } = new() { C = 200, GL = 12, EL = -70, VT = -50, DeltaT = 2, A = -10, TauW = 300, B = 0, VReset = -58 };
    /// <summary>Naud et al. (2008) transient spiking (Fig. 4g; 180 pA).</summary>
    public static AdExParams NaudTransient { get; } = new() { C = 100, GL = 10, EL = -65, VT = -50, DeltaT = 2, A = 10, TauW = 90, B = 100, VReset = -47 };

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(C), C);
        ParameterCheck.Positive(model, nameof(GL), GL);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(VT), VT);
        ParameterCheck.Positive(model, nameof(DeltaT), DeltaT);
        ParameterCheck.Positive(model, nameof(TauW), TauW);
        ParameterCheck.Finite(model, nameof(A), A);
        ParameterCheck.Finite(model, nameof(B), B);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.Finite(model, nameof(VPeak), VPeak);
        ParameterCheck.Less(model, nameof(VReset), VReset, nameof(VPeak), VPeak);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
