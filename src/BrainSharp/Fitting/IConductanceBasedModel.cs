namespace BrainSharp.Fitting;

/// <summary>
/// A fit model whose membrane equation is a sum of ohmic currents, linear in the capacitance and in every maximal
/// conductance once the gating variables are known:
///
///   C dv/dt = sum_c g_c o_c(t) (E_c - v) + I,
///
/// where the open fraction o_c of channel c (1 for a leak) depends on the parameters only through gating equations
/// driven by v. Driving the gates with a recorded voltage (a voltage clamp on paper) therefore turns the fit of C and
/// the g_c into linear least squares; <see cref="ConductanceEstimate"/> uses this for a data-driven initial guess.
/// </summary>
public interface IConductanceBasedModel
{
    /// <summary>Name of the membrane-capacitance parameter (pF).</summary>
    string CapacitanceParameter { get; }

    /// <summary>The ohmic channels: the name of each maximal-conductance parameter (nS) and of its reversal potential (mV).</summary>
    IReadOnlyList<(string Conductance, string Reversal)> Channels { get; }

    /// <summary>
    /// True when the model advances v by exponential Euler with the step's conductances held,
    /// v_{k+1} = v_inf + (v_k - v_inf) e^{-dt g_tot / C}; false for forward Euler.
    /// </summary>
    bool ExponentialEuler { get; }

    /// <summary>
    /// Integrates the gates along a given voltage trace with the model's own gate update and initial state, and writes
    /// the open fraction of channel c at the start of step k to <c>open[c * voltage.Length + k]</c>.
    /// <paramref name="p"/>: every model parameter in <see cref="TraceModel.Parameters"/> order (conductances are not used);
    /// <paramref name="voltage"/>: mV, one sample per step of <paramref name="dt"/> ms.
    /// </summary>
    void OpenFractions(ReadOnlySpan<double> p, ReadOnlySpan<double> voltage, double dt, Span<double> open);
}
