namespace BrainSharp.Neurons;

/// <summary>
/// Parameters of <see cref="TraubMilesNeuron"/>, as densities times membrane area the way Brian2's examples/COBAHH.py
/// writes them. Defaults: the COBAHH benchmark cell (E_L = -60 mV); <see cref="HhTutorial"/> uses E_L = -65 mV.
/// </summary>
public sealed record TraubMilesParams
{
    /// <summary>Membrane area, um^2 (default 20000).</summary>
    public double AreaUm2 { get; init; } = 20000;
    /// <summary>Specific capacitance, uF/cm^2 (default 1).</summary>
    public double SpecificCapacitance { get; init; } = 1;
    /// <summary>Sodium conductance density, mS/cm^2 (default 100).</summary>
    public double GNaDensity { get; init; } = 100;
    /// <summary>Delayed-rectifier potassium conductance density, mS/cm^2 (default 30).</summary>
    public double GKdDensity { get; init; } = 30;
    /// <summary>Leak conductance density, mS/cm^2 (default 0.05).</summary>
    public double GLDensity { get; init; } = 0.05;
    /// <summary>Sodium reversal, mV (default 50).</summary>
    public double ENa { get; init; } = 50;
    /// <summary>Potassium reversal, mV (default -90).</summary>
    public double EK { get; init; } = -90;
    /// <summary>Leak reversal, mV (default -60, COBAHH; -65 in Brian2's HH tutorial).</summary>
    public double EL { get; init; } = -60;
    /// <summary>Shift of the gating curves, mV (default -63).</summary>
    public double VT { get; init; } = -63;
    /// <summary>Spike detection threshold: a spike is an upward crossing of it, mV (default -20).</summary>
    public double SpikeThreshold { get; init; } = -20;
    /// <summary>Refractory period during which no new spike is detected (the membrane keeps integrating), ms (default 3).</summary>
    public double Refractory { get; init; } = 3;
    /// <summary>Constant bias current, pA (default 0).</summary>
    public double BiasCurrent { get; init; }
    /// <summary>False (default): a spike is an upward crossing of SpikeThreshold. True: Brian2's rule, a spike whenever
    /// v &gt; SpikeThreshold outside the refractory period (a cell held above threshold then fires every Refractory ms).</summary>
    public bool SpikeWhileAboveThreshold { get; init; }

    /// <summary>The Brian2 COBAHH benchmark cell.</summary>
    public static TraubMilesParams Cobahh { get; } = new();
    /// <summary>As in Brian2's Hodgkin-Huxley tutorial: E_L = -65 mV.</summary>
    public static TraubMilesParams HhTutorial { get; } = new() { EL = -65 };

    /// <summary>Area, cm^2.</summary>
    public double AreaCm2 => AreaUm2 * 1e-8;
    /// <summary>Capacitance, pF (uF/cm^2 * cm^2 * 1e6).</summary>
    public double Cm => SpecificCapacitance * AreaCm2 * 1e6;
    /// <summary>Sodium conductance, nS (mS/cm^2 * cm^2 * 1e6).</summary>
    public double GNa => GNaDensity * AreaCm2 * 1e6;
    /// <summary>Potassium conductance, nS.</summary>
    public double GKd => GKdDensity * AreaCm2 * 1e6;
    /// <summary>Leak conductance, nS.</summary>
    public double GL => GLDensity * AreaCm2 * 1e6;

    internal void Validate(string model)
    {
        ParameterCheck.Positive(model, nameof(AreaUm2), AreaUm2);
        ParameterCheck.Positive(model, nameof(SpecificCapacitance), SpecificCapacitance);
        ParameterCheck.NonNegative(model, nameof(GNaDensity), GNaDensity);
        ParameterCheck.NonNegative(model, nameof(GKdDensity), GKdDensity);
        ParameterCheck.NonNegative(model, nameof(GLDensity), GLDensity);
        ParameterCheck.Finite(model, nameof(ENa), ENa);
        ParameterCheck.Finite(model, nameof(EK), EK);
        ParameterCheck.Finite(model, nameof(EL), EL);
        ParameterCheck.Finite(model, nameof(VT), VT);
        ParameterCheck.Finite(model, nameof(SpikeThreshold), SpikeThreshold);
        ParameterCheck.NonNegative(model, nameof(Refractory), Refractory);
        ParameterCheck.Finite(model, nameof(BiasCurrent), BiasCurrent);
        if (SpikeWhileAboveThreshold && !(Refractory > 0))
            throw new ArgumentException($"{model}: parameter SpikeWhileAboveThreshold needs Refractory > 0 (got {Refractory}), or every step above threshold would be a spike.", nameof(Refractory));
    }
}
