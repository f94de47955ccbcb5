namespace BrainSharp.Neurons;

/// <summary>The five nested Allen Institute GLIF models (Teeter et al. 2018).</summary>
public enum GlifLevel
{
    /// <summary>GLIF1: leaky integrate-and-fire, reset to V_reset.</summary>
    Lif = 1,
    /// <summary>GLIF2: LIF with biologically defined reset rules (voltage reset rule and spike-induced threshold).</summary>
    LifR = 2,
    /// <summary>GLIF3: LIF with after-spike currents.</summary>
    LifAsc = 3,
    /// <summary>GLIF4: reset rules and after-spike currents.</summary>
    LifRAsc = 4,
    /// <summary>GLIF5: reset rules, after-spike currents and a voltage-dependent threshold.</summary>
    LifRAscA = 5,
}
