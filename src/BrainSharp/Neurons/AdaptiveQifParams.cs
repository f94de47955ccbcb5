namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="AdaptiveQifNeuron"/> (Izhikevich 2007 simple model in physical units); defaults: regular spiking pyramidal cell.</summary>
public sealed record AdaptiveQifParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 100).</summary>
    public double C { get; init; } = 100;
    /// <summary>Quadratic gain k, nS/mV (default 0.7).</summary>
    public double K { get; init; } = 0.7;
    /// <summary>Resting potential v_r, mV (default -60).</summary>
    public double VRest { get; init; } = -60;
    /// <summary>Instantaneous threshold v_t, mV (default -40).</summary>
    public double VThreshold { get; init; } = -40;
    /// <summary>Spike cut-off, mV (default 35).</summary>
    public double VPeak { get; init; } = 35;
    /// <summary>Recovery rate a, 1/ms (default 0.03).</summary>
    public double A { get; init; } = 0.03;
    /// <summary>Recovery sensitivity b, nS (default -2).</summary>
    public double B { get; init; } = -2;
    /// <summary>Reset potential c, mV (default -50).</summary>
    public double VReset { get; init; } = -50;
    /// <summary>Spike-triggered recovery increment d, pA (default 100).</summary>
    public double D { get; init; } = 100;
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <summary>Izhikevich (2007) regular spiking neocortical pyramidal cell (the defaults).</summary>
    public static AdaptiveQifParams RegularSpiking { get; } = new();

    /// <summary>Rheobase (k (v_t - v_r) + b)^2 / (4 k), pA: where the resting state (with u at its nullcline) disappears.</summary>
    public double Rheobase => (K * (VThreshold - VRest) + B) * (K * (VThreshold - VRest) + B) / (4 * K);

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(C), C);
        ParameterCheck.Positive(model, nameof(K), K);
        ParameterCheck.Finite(model, nameof(VRest), VRest);
        ParameterCheck.Finite(model, nameof(VThreshold), VThreshold);
        ParameterCheck.Less(model, nameof(VRest), VRest, nameof(VThreshold), VThreshold);
        ParameterCheck.Finite(model, nameof(VPeak), VPeak);
        ParameterCheck.Positive(model, nameof(A), A);
        ParameterCheck.Finite(model, nameof(B), B);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.Less(model, nameof(VReset), VReset, nameof(VPeak), VPeak);
        ParameterCheck.Finite(model, nameof(D), D);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
