using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Random;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Networks;

/// <summary>
/// COBAHH: Brette et al. (2007), J Comput Neurosci 23:349, benchmark 3, as Brian2's examples/COBAHH.py: N Traub-Miles
/// Hodgkin-Huxley neurons (<see cref="TraubMilesNeuron"/>: area 20000 um^2, g_Na 100, g_Kd 30, g_L 0.05 mS/cm^2,
/// E_L -60 mV, V_T -63 mV, threshold -20 mV, refractory 3 ms), 80 % excitatory, random connectivity with p = k_in / N
/// (k_in = 80, p = 0.02 at N = 4000; self-connections allowed, as Brian2's connect(p=0.02)), exponential conductance synapses:
/// <code>
/// C dv/dt = g_L (E_L - v) - I_Na - I_Kd + g_e (E_e - v) + g_i (E_i - v)
/// dg_e/dt = -g_e / tau_e,  dg_i/dt = -g_i / tau_i;  pre spike: g += w
/// </code>
/// tau_e 5 ms, tau_i 10 ms, E_e 0 mV, E_i -80 mV, w_e 6 nS, w_i 67 nS. Initial state (Brian2): v = E_L + (5 randn - 5) mV,
/// m = h = n = 0, g_e = (4 + 1.5 randn) 10 nS, g_i = (20 + 12 randn) 10 nS. No external input.
/// Brian2 2.5.1 gives 36.8-37.4 Hz at N = 4000 over 1 s.
/// </summary>
public sealed class CobaHH : ReferenceNetwork
{
    /// <summary>Creates the network description with default parameters.</summary>
    public CobaHH() : base(
        new("exc_fraction", "1", 0.8, "fraction of excitatory neurons", 0, 1),
        new("k_in", "1", 80, "expected number of synapses onto a neuron (p = k_in / N)", 0, 1e9),
        new("E_e", "mV", 0, "excitatory reversal potential"),
        new("E_i", "mV", -80, "inhibitory reversal potential"),
        new("tau_e", "ms", 5, "excitatory synaptic time constant", 1e-9),
        new("tau_i", "ms", 10, "inhibitory synaptic time constant", 1e-9),
        new("w_e", "nS", 6, "excitatory weight", 0),
        new("w_i", "nS", 67, "inhibitory weight", 0),
        new("V_T", "mV", -63, "Traub-Miles threshold-shift parameter"),
        new("E_L", "mV", -60, "leak reversal potential"))
    { }

    /// <inheritdoc/>
    public override string Name => "cobahh";

    /// <inheritdoc/>
    public override string Description => "Brette et al. 2007 benchmark 3 (Brian2 COBAHH.py): Traub-Miles HH, 80/20 E/I, conductance-based exponential synapses, self-sustained";

    /// <inheritdoc/>
    public override string ReferenceRate => "Brian2: 36.8-37.4 Hz at 4000 neurons";

    /// <inheritdoc/>
    protected override BuiltNetwork BuildCore(int neurons, ulong seed, ConnectivityStorage storage, int threads)
    {
        int nE = (int)Math.Round(Get("exc_fraction") * neurons), nI = neurons - nE;
        var cell = TraubMilesParams.Cobahh with { VT = Get("V_T"), EL = Get("E_L") };
        double p = Math.Min(1.0, Get("k_in") / neurons);
        var net = new Network(seed, threads);
        var e = net.Add(new TraubMilesNeuron(nE, cell) { Name = "E" });
        var i = net.Add(new TraubMilesNeuron(nI, cell) { Name = "I" });
        // Runs after the groups' own Reset (the network resets groups before other systems): Brian2's initial state.
        net.Add(new BrianInitialState(e, cell.EL));
        net.Add(new BrianInitialState(i, cell.EL));
        var ge0 = Initializer.Normal(40, 15);
        var gi0 = Initializer.Normal(200, 120);
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

    /// <summary>Sets v = E_L + (5 randn - 5) mV and m = h = n = 0 on reset, as COBAHH.py; no dynamics.</summary>
    private sealed class BrianInitialState : DynamicalSystem
    {
        private readonly TraubMilesNeuron _group;
        private readonly double _eL;

        public BrianInitialState(TraubMilesNeuron group, double eL) : base($"{group.Name}.init", 0)
        {
            _group = group; _eL = eL;
        }

        public override IReadOnlyList<StateVariable> States => [];

        public override void Reset(ulong seed)
        {
            var rng = new RandomStream(seed, 0);
            for (int k = 0; k < _group.V.Length; k++) _group.V[k] = (float)(_eL + 5 * rng.NextNormal() - 5);
            Array.Clear(_group.M); Array.Clear(_group.H); Array.Clear(_group.N);
        }

        public override void Update(Clock clock) { }
    }
}
