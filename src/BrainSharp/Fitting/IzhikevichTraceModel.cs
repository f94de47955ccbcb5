using BrainSharp.Neurons;

namespace BrainSharp.Fitting;

/// <summary>
/// Izhikevich (2003, IEEE Trans Neural Netw 14:1569-1572) simple spiking neuron, for fitting; the equations and the
/// forward-Euler integration of the simulation neuron <see cref="IzhikevichNeuron"/>:
///
///   dv/dt = 0.04 v^2 + 5 v + 140 - u + I/C          (v in mV, t in ms)
///   du/dt = a (b v - u)
///   when v reaches V_peak: v &lt;- c, u &lt;- u + d
///
/// The paper's current is in mV/ms; here the injected current is in pA and divided by the capacitance C (pF), which
/// gives mV/ms. Parameters (defaults: regular spiking): a 0.02 /ms, b 0.2 /ms, c -65 mV, d 8 mV/ms, V_peak 30 mV,
/// C 100 pF, v0 -65 mV (u starts at b v0).
///
/// With <c>interpolateSpikes</c> (the default) the crossing of V_peak is placed inside the step on the Euler step's
/// straight line, phi = (V_peak - v)/(v_next - v), which is the exact root of the within-step solution: u is advanced
/// to the crossing, reset, and the rest of the step (1 - phi) dt is integrated from (c, u + d). Spike times and
/// post-spike states are then differentiable in the parameters. Without it the reset happens at the end of the step,
/// as in IzhikevichNeuron.
/// </summary>
public sealed class IzhikevichTraceModel : TraceModel
{
    private static readonly ModelParameter[] Params =
    [
        new("a", "1/ms", 0.02, "recovery time scale"),
        new("b", "1/ms", 0.2, "sensitivity of u to v"),
        new("c", "mV", -65, "reset potential"),
        new("d", "mV/ms", 8, "reset increment of u"),
        new("V_peak", "mV", 30, "spike cut-off"),
        new("C", "pF", 100, "capacitance that turns the injected pA into mV/ms"),
        new("v0", "mV", -65, "initial membrane potential (u starts at b v0)"),
    ];

    /// <summary>An Izhikevich fit model; <paramref name="interpolateSpikes"/>: see the class summary.</summary>
    public IzhikevichTraceModel(bool interpolateSpikes = true) { InterpolateSpikes = interpolateSpikes; }

    /// <summary>Whether crossings are located inside the step (differentiable spike times) or at its end (as IzhikevichNeuron).</summary>
    public bool InterpolateSpikes { get; }

    public override string Name => "izhikevich";

    public override IReadOnlyList<ModelParameter> Parameters => Params;

    public override void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
    {
        if (p.Length != Params.Length) throw new ArgumentException($"{Name}: expected {Params.Length} parameter values, got {p.Length}.");
        if (v.Length != current.Length) throw new ArgumentException($"{Name}: output length {v.Length} differs from input length {current.Length}.");
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{Name}: dt must be positive (ms).");
        foreach (int j in (ReadOnlySpan<int>)[0, 5])
            if (!(p[j].Value > 0) || !double.IsFinite(p[j].Value))
                throw new ArgumentOutOfRangeException(Params[j].Name, p[j].Value, $"{Name}: parameter {Params[j].Name} must be positive and finite, got {p[j].Value}.");
        T a = p[0], b = p[1], c = p[2], d = p[3], invC = 1.0 / p[5];
        double vPeak = p[4].Value;
        T vPeakT = p[4];
        T vm = p[6], u = b * p[6];
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = vm;
            T iN = current[k] * invC;
            T dv = (0.04 * vm * vm + 5.0 * vm + 140.0 - u + iN) * dt;
            T du = a * (b * vm - u) * dt;
            T vNext = vm + dv;
            if (!(vNext.Value >= vPeak)) { vm = vNext; u = u + du; continue; }
            if (!InterpolateSpikes)
            {
                spikeTimes?.Add(T.Constant((k + 1) * dt));
                vm = c; u = u + du + d;
                continue;
            }
            // The Euler step is a straight line in (v, u): the crossing is a fraction phi into it.
            T phi = vm.Value >= vPeak ? T.Constant(0) : (vPeakT - vm) / dv;
            spikeTimes?.Add((k + phi) * dt);
            T uR = u + phi * du + d;
            T rest = (1.0 - phi) * dt;
            vm = c + (0.04 * c * c + 5.0 * c + 140.0 - uR + iN) * rest;
            u = uR + a * (b * c - uR) * rest;
        }
    }
}
