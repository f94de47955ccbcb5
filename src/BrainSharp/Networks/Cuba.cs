using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Networks;

/// <summary>
/// CUBA: Brian2 examples/CUBA.py (Vogels and Abbott 2005 as simplified in Brette et al. 2007, benchmark 2): N LIF neurons,
/// 80 % excitatory, p = k_in / N (k_in = 80; self-connections allowed as in Brian2), exponential current synapses.
/// <code>
/// tau_m dv/dt = (E_L - v) + x_e + x_i      (x in mV; here as currents I = g_L x, in pA)
/// dx_e/dt = -x_e / tau_e,  dx_i/dt = -x_i / tau_i;  pre spike: x += w
/// </code>
/// tau_m 20 ms (C_m 200 pF, g_L 10 nS), E_L -49 mV, V_th -50 mV, V_reset -60 mV, t_ref 5 ms, tau_e 5 ms, tau_i 10 ms,
/// w_e = 60 x 0.27 / 10 = 1.62 mV, w_i = -20 x 4.5 / 10 = -9 mV. Initial v uniform in [V_reset, V_th], x = 0.
/// Brian2 2.5.1 gives 5.5-5.7 Hz at N = 4000 over 1 s.
/// Integration: exponential Euler by default (Brian2 integrates CUBA exactly); parameter euler = 1 selects forward Euler for v.
/// </summary>
public sealed class Cuba : ReferenceNetwork
{
    /// <summary>Creates the network description with default parameters.</summary>
    public Cuba() : base(
        new("exc_fraction", "1", 0.8, "fraction of excitatory neurons", 0, 1),
        new("k_in", "1", 80, "expected number of synapses onto a neuron (p = k_in / N)", 0, 1e9),
        new("tau_m", "ms", 20, "membrane time constant (g_L = 10 nS, C_m = g_L tau_m)", 1e-9),
        new("E_L", "mV", -49, "leak reversal potential (above threshold)"),
        new("V_th", "mV", -50, "spike threshold"),
        new("V_reset", "mV", -60, "reset potential"),
        new("t_ref", "ms", 5, "refractory period", 0),
        new("tau_e", "ms", 5, "excitatory synaptic time constant", 1e-9),
        new("tau_i", "ms", 10, "inhibitory synaptic time constant", 1e-9),
        new("w_e", "mV", 1.62, "excitatory weight (voltage jump)"),
        new("w_i", "mV", -9, "inhibitory weight (voltage jump)"),
        new("euler", "1", 0, "membrane integrator: 0 = exponential Euler (exact over the step), 1 = forward Euler", 0, 1))
    { }

    /// <summary>Leak conductance used to express the voltage weights as currents, nS.</summary>
    public const double LeakConductance = 10;

    /// <inheritdoc/>
    public override string Name => "cuba";

    /// <inheritdoc/>
    public override string Description => "Brian2 examples/CUBA.py: LIF, 80/20 E/I, current-based exponential synapses, E_L above threshold";

    /// <inheritdoc/>
    public override string ReferenceRate => "Brian2: 5.5-5.7 Hz at 4000 neurons";

    /// <inheritdoc/>
    protected override BuiltNetwork BuildCore(int neurons, ulong seed, ConnectivityStorage storage, int threads)
    {
        int nE = (int)Math.Round(Get("exc_fraction") * neurons), nI = neurons - nE;
        double gL = LeakConductance;
        var cell = new LifParams
        {
            Cm = gL * Get("tau_m"), GL = gL, EL = Get("E_L"), VTh = Get("V_th"), VReset = Get("V_reset"), TRef = Get("t_ref"),
        };
        double p = Math.Min(1.0, Get("k_in") / neurons);
        var net = new Network(seed, threads);
        var v0 = Initializer.Uniform(cell.VReset, cell.VTh);
        var method = Method(Get("euler"));
        var e = net.Add(new LifNeuron(nE, cell, "E") { InitialV = v0, Method = method });
        var i = net.Add(new LifNeuron(nI, cell, "I") { InitialV = v0, Method = method });
        var conn = new FixedProbability(p) { AllowSelfConnections = true };
        Projection Make(NeuronGroup pre, NeuronGroup post, bool exc)
            => net.Add(new Projection(pre, post, conn, (exc ? Get("w_e") : Get("w_i")) * gL,
                new ExponentialSynapse(post.Size, exc ? Get("tau_e") : Get("tau_i"), exc ? "x_e" : "x_i"), new CurrentOutput())
            { Storage = storage });
        var projections = new[] { Make(e, e, true), Make(e, i, true), Make(i, e, false), Make(i, i, false) };
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        return new BuiltNetwork(net, new NeuronGroup[] { e, i }, new[] { me, mi }, projections);
    }
}
