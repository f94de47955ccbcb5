namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="GlifNeuron"/>; defaults are NEST's glif_psc defaults (a fitted mouse cortical cell).</summary>
public sealed record GlifParams : INeuronParameters
{
    /// <summary>Membrane capacitance, pF (default 58.72).</summary>
    public double C { get; init; } = 58.72;
    /// <summary>Membrane conductance G, nS (default 9.43).</summary>
    public double G { get; init; } = 9.43;
    /// <summary>Resting potential, mV (default -78.85).</summary>
    public double EL { get; init; } = -78.85;
    /// <summary>Instantaneous threshold Theta_inf, mV (default -51.68).</summary>
    public double ThetaInf { get; init; } = -51.68;
    /// <summary>Reset potential for levels 1 and 3, mV (default -78.85).</summary>
    public double VReset { get; init; } = -78.85;
    /// <summary>Refractory period with V held, ms (default 3.75).</summary>
    public double Refractory { get; init; } = 3.75;
    /// <summary>Threshold jump per spike delta Theta_s, mV (levels 2, 4, 5; default 0.37).</summary>
    public double ThetaSpikeAdd { get; init; } = 0.37;
    /// <summary>Decay rate b_s of the spike-induced threshold, 1/ms (default 0.009).</summary>
    public double ThetaSpikeDecay { get; init; } = 0.009;
    /// <summary>Voltage reset fraction f_v (levels 2, 4, 5; default 0.20).</summary>
    public double VoltageResetFraction { get; init; } = 0.20;
    /// <summary>Voltage reset addition delta V, mV (levels 2, 4, 5; default 18.51).</summary>
    public double VoltageResetAdd { get; init; } = 18.51;
    /// <summary>Coupling a_v of the voltage-dependent threshold to V - E_L, 1/ms (level 5; default 0.005).</summary>
    public double ThetaVoltageIndex { get; init; } = 0.005;
    /// <summary>Decay rate b_v of the voltage-dependent threshold, 1/ms (level 5; default 0.09).</summary>
    public double ThetaVoltageDecay { get; init; } = 0.09;
    /// <summary>Decay rates k_j of the after-spike currents, 1/ms (levels 3-5; default [0.003, 0.1]).</summary>
    public double[] AscDecay { get; init; } = [0.003, 0.1];
    /// <summary>Increments delta I_j of the after-spike currents, pA (default [-9.18, -198.94]).</summary>
    public double[] AscAmps { get; init; } = [-9.18, -198.94];
    /// <summary>Fractions f_j of each after-spike current kept at a spike (default [1, 1]).</summary>
    public double[] AscR { get; init; } = [1.0, 1.0];
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(C), C);
        ParameterCheck.Positive(model, nameof(G), G);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(ThetaInf), ThetaInf);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(ThetaSpikeAdd), ThetaSpikeAdd);
        ParameterCheck.NonNegative(model, nameof(ThetaSpikeDecay), ThetaSpikeDecay);
        ParameterCheck.Finite(model, nameof(VoltageResetFraction), VoltageResetFraction);
        ParameterCheck.Finite(model, nameof(VoltageResetAdd), VoltageResetAdd);
        ParameterCheck.Finite(model, nameof(ThetaVoltageIndex), ThetaVoltageIndex);
        ParameterCheck.Positive(model, nameof(ThetaVoltageDecay), ThetaVoltageDecay);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
        if (AscDecay is null || AscAmps is null || AscR is null)
            throw new ArgumentNullException(nameof(AscDecay), $"{model}: AscDecay, AscAmps and AscR must not be null.");
        if (AscAmps.Length != AscDecay.Length || AscR.Length != AscDecay.Length)
            throw new ArgumentException($"{model}: AscDecay ({AscDecay.Length}), AscAmps ({AscAmps.Length}) and AscR ({AscR.Length}) must have the same length.", nameof(AscAmps));
        for (int j = 0; j < AscDecay.Length; j++)
        {
            ParameterCheck.Positive(model, $"{nameof(AscDecay)}[{j}]", AscDecay[j]);
            ParameterCheck.Finite(model, $"{nameof(AscAmps)}[{j}]", AscAmps[j]);
            ParameterCheck.Finite(model, $"{nameof(AscR)}[{j}]", AscR[j]);
        }
    }
}
