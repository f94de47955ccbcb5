namespace BrainSharp.Neurons;

/// <summary>Parameters of <see cref="IzhikevichNeuron"/> (Izhikevich 2003; normalized units, see the model header).</summary>
public sealed record IzhikevichParams : INeuronParameters
{
    /// <summary>Recovery time scale a, 1/ms (default 0.02).</summary>
    public double A { get; init; } = 0.02;
    /// <summary>Sensitivity of u to v, b, 1/ms per (mV/ms) (default 0.2).</summary>
    public double B { get; init; } = 0.2;
    /// <summary>Reset potential c, mV (default -65).</summary>
    public double C { get; init; } = -65;
    /// <summary>Reset increment of u, d, mV/ms (default 8).</summary>
    public double D { get; init; } = 8;
    /// <summary>Spike cut-off, mV (default 30).</summary>
    public double VPeak { get; init; } = 30;
    /// <summary>Constant bias input, mV/ms (default 0).</summary>
    public double BiasCurrent { get; init; }
    /// <summary>Initial v, mV (default -65); u starts at b v.</summary>
    public double VInit { get; init; } = -65;

    /// <summary>Regular spiking (Izhikevich 2003 Fig. 2): a 0.02, b 0.2, c -65, d 8.</summary>
    public static IzhikevichParams RegularSpiking { get; } = new();
    /// <summary>Intrinsically bursting: a 0.02, b 0.2, c -55, d 4.</summary>
    public static IzhikevichParams IntrinsicallyBursting { get; } = new() { C = -55, D = 4 };
    /// <summary>Chattering: a 0.02, b 0.2, c -50, d 2.</summary>
    public static IzhikevichParams Chattering { get; } = new() { C = -50, D = 2 };
    /// <summary>Fast spiking: a 0.1, b 0.2, c -65, d 2.</summary>
    public static IzhikevichParams FastSpiking { get; } = new() { A = 0.1, D = 2 };
    /// <summary>Low-threshold spiking: a 0.02, b 0.25, c -65, d 2.</summary>
    public static IzhikevichParams LowThresholdSpiking { get; } = new() { B = 0.25, D = 2 };

    /// <inheritdoc/>
    public void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(A), A);
        ParameterCheck.Finite(model, nameof(B), B);
        ParameterCheck.Finite(model, nameof(C), C);
        ParameterCheck.Finite(model, nameof(D), D);
        ParameterCheck.Finite(model, nameof(VPeak), VPeak);
        ParameterCheck.Less(model, nameof(C), C, nameof(VPeak), VPeak);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
        ParameterCheck.Finite(model, nameof(VInit), VInit);
    }
}
