namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="GifNeuron"/> (Mihalas &amp; Niebur 2009), currents in pA (the paper's units times 1000 with R = 0.02 GOhm).</summary>
public sealed record GifParams : INeuronParameters
{
    /// <summary>Membrane time constant 1/G, ms (default 20).</summary>
    public double Tau { get; init; } = 20;
    /// <summary>Membrane resistance, GOhm (default 0.02, so 1000 pA gives 20 mV).</summary>
    public double R { get; init; } = 0.02;
    /// <summary>Leak reversal, mV (default -70).</summary>
    public double EL { get; init; } = -70;
    /// <summary>Reset potential, mV (default -70).</summary>
    public double VReset { get; init; } = -70;
    /// <summary>Threshold equilibrium Theta_inf, mV (default -50).</summary>
    public double ThetaInf { get; init; } = -50;
    /// <summary>Threshold after a spike is max(ThetaReset, Theta), mV (default -60).</summary>
    public double ThetaReset { get; init; } = -60;
    /// <summary>Threshold adaptation to voltage a, 1/ms (default 0).</summary>
    public double A { get; init; }
    /// <summary>Threshold relaxation rate b, 1/ms (default 0.01).</summary>
    public double B { get; init; } = 0.01;
    /// <summary>Decay rate of spike-induced current 1, 1/ms (default 0.2).</summary>
    public double K1 { get; init; } = 0.2;
    /// <summary>Decay rate of spike-induced current 2, 1/ms (default 0.02).</summary>
    public double K2 { get; init; } = 0.02;
    /// <summary>Fraction of I1 kept at a spike (default 0).</summary>
    public double R1 { get; init; }
    /// <summary>Fraction of I2 kept at a spike (default 1).</summary>
    public double R2 { get; init; } = 1;
    /// <summary>Increment of I1 at a spike, pA (default 0).</summary>
    public double A1 { get; init; }
    /// <summary>Increment of I2 at a spike, pA (default 0).</summary>
    public double A2 { get; init; }
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }

    /// <summary>Mihalas &amp; Niebur (2009) Table 1 (A) tonic spiking (shown with 1500 pA).</summary>
    public static GifParams TonicSpiking { get; } = new();
    /// <summary>(C) spike-frequency adaptation: a = 0.005 /ms (shown with 2000 pA).</summary>
    public static GifParams Adaptation { get; } = new() { A = 0.005 };
    /// <summary>(M) tonic bursting: a = 0.005 /ms, A1 = 10000 pA, A2 = -600 pA (shown with 2000 pA).</summary>
    public static GifParams TonicBursting { get; } = new() { A = 0.005, A1 = 10000, A2 = -600 };

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(Tau), Tau);
        ParameterCheck.Positive(model, nameof(R), R);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(VReset), VReset);
        ParameterCheck.Finite(model, nameof(ThetaInf), ThetaInf);
        ParameterCheck.Finite(model, nameof(ThetaReset), ThetaReset);
        ParameterCheck.Finite(model, nameof(A), A);
        ParameterCheck.Positive(model, nameof(B), B);
        ParameterCheck.Positive(model, nameof(K1), K1);
        ParameterCheck.Positive(model, nameof(K2), K2);
        ParameterCheck.Finite(model, nameof(R1), R1);
        ParameterCheck.Finite(model, nameof(R2), R2);
        ParameterCheck.Finite(model, nameof(A1), A1);
        ParameterCheck.Finite(model, nameof(A2), A2);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
    }
}
