namespace BrainSharp.Neurons;

/// <summary>
/// Parameters of the leaky integrate-and-fire neuron (<see cref="LifNeuron"/>):
/// C_m dv/dt = g_L (E_L - v) + I_ext + I_syn; spike when v &gt; V_th, then v = V_reset and v is clamped for t_ref.
/// Defaults are the Brette et al. (2007) COBA benchmark cell: tau_m = C_m / g_L = 20 ms.
/// </summary>
public sealed record LifParams
{
    /// <summary>Membrane capacitance C_m, pF (default 200).</summary>
    public double Cm { get; init; } = 200;

    /// <summary>Leak conductance g_L, nS (default 10).</summary>
    public double GL { get; init; } = 10;

    /// <summary>Leak reversal (resting) potential E_L, mV (default -60).</summary>
    public double EL { get; init; } = -60;

    /// <summary>Spike threshold V_th, mV (default -50); a spike is emitted when v exceeds it.</summary>
    public double VTh { get; init; } = -50;

    /// <summary>Reset potential V_reset, mV (default -60).</summary>
    public double VReset { get; init; } = -60;

    /// <summary>Absolute refractory period t_ref, ms (default 5); v is held at V_reset meanwhile.</summary>
    public double TRef { get; init; } = 5;

    /// <summary>Constant external (bias) current I_ext, pA (default 0).</summary>
    public double IExt { get; init; } = 0;

    /// <summary>Membrane time constant C_m / g_L, ms.</summary>
    public double TauM => Cm / GL;

    /// <summary>Brette et al. (2007) benchmark 1 (COBA): E_L = V_reset = -60 mV, V_th = -50 mV, tau_m 20 ms, 5 ms refractory.</summary>
    public static LifParams Coba { get; } = new();

    /// <summary>Brian2 examples/CUBA.py: as COBA but E_L = -49 mV (above threshold: the cells fire without input).</summary>
    public static LifParams Cuba { get; } = new() { EL = -49 };

    /// <summary>Throws naming <paramref name="model"/>, the parameter and its value if a parameter is out of range.</summary>
    public void Validate(string model)
    {
        Positive(model, nameof(Cm), Cm, "pF");
        Positive(model, nameof(GL), GL, "nS");
        Finite(model, nameof(EL), EL); Finite(model, nameof(VTh), VTh); Finite(model, nameof(VReset), VReset); Finite(model, nameof(IExt), IExt);
        if (!(TRef >= 0) || !double.IsFinite(TRef))
            throw new ArgumentOutOfRangeException(nameof(TRef), TRef, $"{model}: parameter TRef (refractory period, ms) must be finite and non-negative, got {TRef}.");
        if (!(VReset < VTh))
            throw new ArgumentOutOfRangeException(nameof(VReset), VReset, $"{model}: parameter VReset = {VReset} mV must be below VTh = {VTh} mV, or every reset would spike again.");
    }

    private static void Positive(string model, string name, double value, string unit)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: parameter {name} ({unit}) must be positive and finite, got {value}.");
    }

    private static void Finite(string model, string name, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{model}: parameter {name} must be finite, got {value}.");
    }
}
