namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="QuadraticIfNeuron"/>; defaults as BrainPy's QuadraticIF.</summary>
public sealed record QuadraticIfParams : INeuronParameters
{
    /// <summary>Membrane time constant, ms (default 10).</summary>
    public double Tau { get; init; } = 10;
    /// <summary>Curvature a_0, 1/mV (default 0.07).</summary>
    public double A0 { get; init; } = 0.07;
    /// <summary>Resting potential (stable fixed point without input), mV (default -65).</summary>
    public double VRest { get; init; } = -65;
    /// <summary>Critical potential (unstable fixed point without input), mV (default -50).</summary>
    public double VC { get; init; } = -50;
    /// <summary>Reset potential, mV (default -68).</summary>
    public double VReset { get; init; } = -68;
    /// <summary>Spike cut-off, mV (default -30).</summary>
    public double VPeak { get; init; } = -30;
    /// <summary>Membrane resistance, GOhm (so R I is in mV for I in pA; default 1).</summary>
    public double R { get; init; } = 1;
    /// <summary>Refractory period with v clamped at VReset, ms (default 0).</summary>
    public double Refractory { get; init; }
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <summary>Rheobase a_0 (V_c - V_rest)^2 / (4 R), pA.</summary>
    public double Rheobase => A0 * (VC - VRest) * (VC - VRest) / (4 * R);

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(Tau), Tau);
        ParameterCheck.Positive(model, nameof(A0), A0);
        ParameterCheck.Finite(model, nameof(VRest), VRest);
        ParameterCheck.Finite(model, nameof(VC), VC);
        ParameterCheck.Less(model, nameof(VRest), VRest, nameof(VC), VC);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.Finite(model, nameof(VPeak), VPeak);
        ParameterCheck.Less(model, nameof(VReset), VReset, nameof(VPeak), VPeak);
        ParameterCheck.Positive(model, nameof(R), R);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
