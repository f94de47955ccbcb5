using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Networks;

/// <summary>
/// COBA: Brette et al. (2007), J Comput Neurosci 23:349, benchmark 1 (as run by Brian2): N LIF neurons, 80 % excitatory,
/// random connectivity with p = k_in / N (k_in = 80, p = 0.02 at N = 4000; self-connections allowed as in Brian2),
/// exponential conductance synapses.
/// <code>
/// C_m dv/dt = g_L (E_L - v) + g_e (E_e - v) + g_i (E_i - v) + I_ext
/// dg_e/dt = -g_e / tau_e,  dg_i/dt = -g_i / tau_i;  pre spike: g += w
/// </code>
/// C_m 200 pF, g_L 10 nS (tau_m 20 ms), E_L = V_reset = -60 mV, V_th -50 mV, t_ref 5 ms, E_e 0 mV, E_i -80 mV,
/// tau_e 5 ms, tau_i 10 ms, w_e = 0.6 g_L = 6 nS, w_i = 6.7 g_L = 67 nS. Initial state: v = E_L + (5 randn - 5) mV,
/// g_e = (4 + 1.5 randn) g_L, g_i = (20 + 12 randn) g_L. No external input: activity is self-sustained.
/// Brian2 2.5.1 gives 19.7-20.1 Hz at N = 4000 over 1 s.
/// Integration: exponential Euler by default; parameter euler = 1 integrates v by forward Euler as Brian2 does for these
/// equations (Brian2's Euler also decays g by 1 - dt/tau; here g keeps its exact decay, which costs the same).
/// </summary>
public sealed class Coba : ReferenceNetwork
{
    /// <summary>Creates the network description with default parameters.</summary>
    public Coba() : base(
        new("exc_fraction", "1", 0.8, "fraction of excitatory neurons", 0, 1),
        new("k_in", "1", 80, "expected number of synapses onto a neuron (p = k_in / N)", 0, 1e9),
        new("C_m", "pF", 200, "membrane capacitance", 1e-9),
        new("g_L", "nS", 10, "leak conductance", 1e-9),
        new("E_L", "mV", -60, "leak reversal potential"),
        new("V_th", "mV", -50, "spike threshold"),
        new("V_reset", "mV", -60, "reset potential"),
        new("t_ref", "ms", 5, "refractory period", 0),
        new("E_e", "mV", 0, "excitatory reversal potential"),
        new("E_i", "mV", -80, "inhibitory reversal potential"),
        new("tau_e", "ms", 5, "excitatory synaptic time constant", 1e-9),
        new("tau_i", "ms", 10, "inhibitory synaptic time constant", 1e-9),
        new("w_e", "nS", 6, "excitatory weight (0.6 g_L)", 0),
        new("w_i", "nS", 67, "inhibitory weight (6.7 g_L)", 0),
        new("I_ext", "pA", 0, "constant external current into every neuron"),
        new("euler", "1", 0, "membrane integrator: 0 = exponential Euler (exact over the step), 1 = forward Euler (Brian2's choice for COBA)", 0, 1))
    { }

    /// <inheritdoc/>
    public override string Name => "coba";

    /// <inheritdoc/>
    public override string Description => "Brette et al. 2007 benchmark 1: LIF, 80/20 E/I, conductance-based exponential synapses, self-sustained";

    /// <inheritdoc/>
    public override string ReferenceRate => "Brian2: 19.7-20.1 Hz at 4000 neurons";

    /// <inheritdoc/>
    protected override BuiltNetwork BuildCore(int neurons, ulong seed, ConnectivityStorage storage, int threads)
    {
        int nE = (int)Math.Round(Get("exc_fraction") * neurons), nI = neurons - nE;
        double gL = Get("g_L");
        var cell = new LifParams
        {
            Cm = Get("C_m"), GL = gL, EL = Get("E_L"), VTh = Get("V_th"), VReset = Get("V_reset"),
            TRef = Get("t_ref"), IExt = Get("I_ext"),
        };
        double p = Math.Min(1.0, Get("k_in") / neurons);
        var net = new Network(seed, threads);
        var v0 = Initializer.Normal(cell.EL - 5, 5);
        var method = Method(Get("euler"));
        var e = net.Add(new LifNeuron(nE, cell, "E") { InitialV = v0, Method = method });
        var i = net.Add(new LifNeuron(nI, cell, "I") { InitialV = v0, Method = method });
        var ge0 = Initializer.Normal(4 * gL, 1.5 * gL);
        var gi0 = Initializer.Normal(20 * gL, 12 * gL);
        var conn = new FixedProbability(p) { AllowSelfConnections = true };
        Projection Make(NeuronGroup pre, NeuronGroup post, bool exc)
            => net.Add(new Projection(pre, post, conn, exc ? Get("w_e") : Get("w_i"),
                new ExponentialSynapse(post.Size, exc ? Get("tau_e") : Get("tau_i"), exc ? "g_e" : "g_i") { Initial = exc ? ge0 : gi0 },
                new ConductanceOutput(exc ? Get("E_e") : Get("E_i")))
            { Storage = storage });
        var projections = new[] { Make(e, e, true), Make(e, i, true), Make(i, e, false), Make(i, i, false) };
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        return new BuiltNetwork(net, new NeuronGroup[] { e, i }, new[] { me, mi }, projections);
    }
}
