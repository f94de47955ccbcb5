namespace BrainSharp.Fitting;

/// <summary>
/// Adaptive exponential integrate-and-fire neuron (Brette &amp; Gerstner 2005), for fitting.
///
///   C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I
///   tau_w dw/dt = a (V - E_L) - w
///   when V &gt; V_peak: V = V_r, w = w + b
///
/// Defaults are the paper's regular-spiking cell: C 281 pF, g_L 30 nS, E_L -70.6 mV, V_T -50.4 mV, Delta_T 2 mV,
/// tau_w 144 ms, a 4 nS, b 80.5 pA, V_r -70.6 mV, V_peak 20 mV. Integration: forward Euler (as Brian2's AdEx
/// examples), with the exponential capped at V_peak so that a diverging upstroke stays finite within a step.
/// Spikes are the steps where V crosses V_peak; V is recorded at the start of each step, so the trace shows the
/// upstroke and then the reset value. With <c>interpolateSpikes</c> (the default) the crossing is placed on the Euler
/// step's straight line, phi = (V_peak - V)/(V_next - V) (the exact root of the within-step solution), w is advanced to
/// it and jumps by b, and the rest of the step is integrated from (V_r, w + b): spike times and post-spike states are
/// differentiable in the parameters. Without it the reset happens at the end of the step, as in
/// <see cref="BrainSharp.Neurons.AdExNeuron"/> with the Euler method (the second implementation the tests use).
/// </summary>
public sealed class AdExTraceModel : TraceModel
{
    private static readonly ModelParameter[] Params =
    [
        new("C", "pF", 281, "membrane capacitance"),
        new("g_L", "nS", 30, "leak conductance"),
        new("E_L", "mV", -70.6, "leak reversal potential"),
        new("V_T", "mV", -50.4, "threshold slope factor midpoint"),
        new("Delta_T", "mV", 2, "slope factor"),
        new("tau_w", "ms", 144, "adaptation time constant"),
        new("a", "nS", 4, "subthreshold adaptation"),
        new("b", "pA", 80.5, "spike-triggered adaptation"),
        new("V_r", "mV", -70.6, "reset potential"),
        new("V_peak", "mV", 20, "spike cut-off"),
    ];

    /// <summary>An AdEx fit model; <paramref name="interpolateSpikes"/>: see the class summary.</summary>
    public AdExTraceModel(bool interpolateSpikes = true) { InterpolateSpikes = interpolateSpikes; }

    /// <summary>Whether crossings are located inside the step (differentiable spike times) or at its end.</summary>
    public bool InterpolateSpikes { get; }

    public override string Name => "adex";

    public override IReadOnlyList<ModelParameter> Parameters => Params;

    public override void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
    {
        if (p.Length != Params.Length) throw new ArgumentException($"{Name}: expected {Params.Length} parameter values, got {p.Length}.");
        if (v.Length != current.Length) throw new ArgumentException($"{Name}: output length {v.Length} differs from input length {current.Length}.");
        T c = p[0], gL = p[1], eL = p[2], vT = p[3], dT = p[4], tauW = p[5], a = p[6], b = p[7], vR = p[8];
        double vPeak = p[9].Value;
        T dtOverC = dt / c, dtOverTauW = dt / tauW;
        T vm = eL, w = T.Constant(0);
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = vm;
            // Cap the exponent at the peak: beyond it the cell has spiked anyway, and exp must not overflow.
            T arg = (vm.Value < vPeak ? vm - vT : T.Constant(vPeak) - vT) / dT;
            T dv = (gL * (eL - vm) + gL * dT * T.Exp(arg) - w + current[k]) * dtOverC;
            T dw = (a * (vm - eL) - w) * dtOverTauW;
            T vNext = vm + dv;
            if (vNext.Value > vPeak)
            {
                if (!InterpolateSpikes)
                {
                    spikeTimes?.Add(T.Constant((k + 1) * dt));
                    w = w + dw + b;
                    vNext = vR;
                }
                else
                {
                    // The crossing happens a fraction phi into the step; the cell then spends (1 - phi) dt after its reset.
                    // Carrying phi keeps spike times and post-spike states continuous (and differentiable) in the parameters.
                    T phi = (vPeak - vm) / (vNext - vm);
                    spikeTimes?.Add((k + phi) * dt);
                    T wR = w + phi * dw + b;
                    T rest = (1.0 - phi) * dt;
                    vNext = vR + (gL * (eL - vR) + gL * dT * T.Exp((vR - vT) / dT) - wR + current[k]) * (rest / c);
                    w = wR + (a * (vR - eL) - wR) * (rest / tauW);
                }
            }
            else w = w + dw;
            vm = vNext;
        }
    }
}
