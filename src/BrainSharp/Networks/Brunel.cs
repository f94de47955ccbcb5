using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Networks;

/// <summary>
/// Brunel (2000), J Comput Neurosci 8:183, model B: a sparse network of N_E = 4 N_I LIF neurons with delta synapses,
/// fixed in-degrees C_E = eps N_E, C_I = eps N_I (no self-connections), and external Poisson drive:
/// <code>
/// tau dV/dt = -V + R I_syn;  V &gt; theta: spike, V = V_r for tau_rp
/// an E spike moves V by J, an I spike by -g J, after a delay D; each neuron also gets C_E external Poisson trains of
/// nu_ext = eta nu_thr, nu_thr = theta / (J C_E tau), each spike moving V by J
/// </code>
/// tau 20 ms (C 200 pF, g_L 10 nS), theta 20 mV, V_r 10 mV (rest 0 mV), tau_rp 2 ms, J 0.1 mV, D 1.5 ms, eps 0.1,
/// N = 12500 (C_E = 1000). For smaller N, J is scaled to 0.1 mV x 1000 / C_E by default, keeping C_E J (the mean
/// recurrent and external drive per unit rate) at the paper's value, so that the (g, eta) phase diagram still applies.
/// The regime is set by (g, eta): g = 5, eta = 2 gives the asynchronous irregular (AI) state, g = 3, eta = 2 the
/// synchronous regular (SR) state (Brunel 2000, Fig. 8). A jump J is delivered as the charge J C in one step
/// (<see cref="DeltaSynapse"/>, <see cref="CurrentOutput"/>); with the LIF's exact update the resulting jump is
/// J (tau/dt)(1 - exp(-dt/tau)), 0.25 % below J at dt = 0.1 ms.
/// </summary>
public sealed class Brunel : ReferenceNetwork
{
    /// <summary>Creates the network with default (AI) parameters.</summary>
    public Brunel() : base(
        new("g", "1", 5, "relative strength of inhibition", 0),
        new("eta", "1", 2, "external rate in units of the threshold rate nu_thr", 0),
        new("epsilon", "1", 0.1, "connection probability (C_E = eps N_E, C_I = eps N_I)", 1e-9, 1),
        new("J", "mV", 0.1, "EPSP amplitude at C_E = 1000 (see scale_J)", 0),
        new("scale_J", "1", 1, "1: use J 1000 / C_E so that C_E J, which sets the mean-field regime, is that of N = 12500; 0: use J as given", 0, 1),
        new("delay", "ms", 1.5, "transmission delay", 0.1),
        new("tau_m", "ms", 20, "membrane time constant", 1e-9),
        new("theta", "mV", 20, "threshold (rest 0 mV)"),
        new("V_r", "mV", 10, "reset potential"),
        new("t_ref", "ms", 2, "refractory period", 0))
    { }

    /// <summary>The synchronous regular state of Brunel (2000) Fig. 8A: g = 3, eta = 2.</summary>
    public static Brunel SynchronousRegular()
    {
        var b = new Brunel { _name = "brunel-sr" }; b.Set("g", 3); b.Set("eta", 2); return b;
    }

    /// <summary>The asynchronous irregular state of Brunel (2000) Fig. 8C: g = 5, eta = 2.</summary>
    public static Brunel AsynchronousIrregular()
    {
        var b = new Brunel(); b.Set("g", 5); b.Set("eta", 2); return b;
    }

    // The registry lists the SR preset under its own name; the summary and files must carry that name.
    private string _name = "brunel";

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override string Description => "Brunel 2000 sparse LIF network with delta synapses and Poisson drive; (g, eta) select SR (3, 2) or AI (5, 2)";

    /// <inheritdoc/>
    public override string ReferenceRate => "Brunel 2000 Fig. 8: AI (g=5, eta=2) ~ 20-40 Hz, irregular; SR (g=3, eta=2) high, synchronous";

    /// <inheritdoc/>
    public override int DefaultNeurons => 12500;

    /// <summary>External rate per train, Hz, for the current parameters and network size.</summary>
    public double ExternalRateHz(int neurons)
    {
        int cE = InDegreeE(neurons);
        return Get("eta") * Get("theta") / (EffectiveJ(neurons) * cE * Get("tau_m")) * 1000.0;
    }

    /// <summary>EPSP amplitude used at this network size, mV.</summary>
    public double EffectiveJ(int neurons) => Get("scale_J") >= 0.5 ? Get("J") * 1000.0 / InDegreeE(neurons) : Get("J");

    private int NExc(int neurons) => (int)Math.Round(0.8 * neurons);
    private int InDegreeE(int neurons) => Math.Max(1, (int)Math.Round(Get("epsilon") * NExc(neurons)));
    private int InDegreeI(int neurons) => Math.Max(1, (int)Math.Round(Get("epsilon") * (neurons - NExc(neurons))));

    /// <inheritdoc/>
    protected override BuiltNetwork BuildCore(int neurons, ulong seed, ConnectivityStorage storage, int threads)
    {
        int nE = NExc(neurons), nI = neurons - nE;
        int cE = InDegreeE(neurons), cI = InDegreeI(neurons);
        if (cE >= nE || cI >= nI)
            throw new ArgumentException($"brunel: {neurons} neurons are too few for epsilon = {Get("epsilon")} (C_E = {cE}, C_I = {cI}).");
        const double cm = 200;
        double gL = cm / Get("tau_m");
        var cell = new LifParams { Cm = cm, GL = gL, EL = 0, VTh = Get("theta"), VReset = Get("V_r"), TRef = Get("t_ref") };
        double jCharge = EffectiveJ(neurons) * cm;     // pA ms: a jump of J mV on C = 200 pF
        var net = new Network(seed, threads);
        var e = net.Add(new LifNeuron(nE, cell, "E") { InitialV = Initializer.Uniform(0, Get("theta")) });
        var i = net.Add(new LifNeuron(nI, cell, "I") { InitialV = Initializer.Uniform(0, Get("theta")) });
        var fromE = new FixedInDegree(cE);
        var fromI = new FixedInDegree(cI);
        Projection Make(NeuronGroup pre, NeuronGroup post, Connector conn, double w)
            => net.Add(new Projection(pre, post, conn, w, new DeltaSynapse(post.Size), new CurrentOutput())
            { Delay = Get("delay"), Storage = storage == ConnectivityStorage.Procedural ? ConnectivityStorage.Csr : storage });
        var ee = Make(e, e, fromE, jCharge);
        var ei = Make(e, i, fromE, jCharge);
        var ie = Make(i, e, fromI, -Get("g") * jCharge);
        var ii = Make(i, i, fromI, -Get("g") * jCharge);
        double nuExt = ExternalRateHz(neurons);
        // External spikes enter as charge pulses into the input current (same effect as the E delta synapses, in the
        // spike's own step), which keeps the drive safe for multi-threaded networks.
        net.Add(new PoissonInput(e, cE, nuExt, jCharge, seed: 1) { Name = "ext->E" });
        net.Add(new PoissonInput(i, cE, nuExt, jCharge, seed: 2) { Name = "ext->I" });
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        return new BuiltNetwork(net, new NeuronGroup[] { e, i }, new[] { me, mi }, new[] { ee, ei, ie, ii });
    }

    /// <summary>
    /// Synchrony measure chi^2 (Golomb 2007, Scholarpedia 2:1347) on spike trains: the variance over time of the population
    /// activity (spike counts of the first <paramref name="neurons"/> neurons in bins of <paramref name="binSteps"/> steps,
    /// averaged over neurons) divided by the mean over neurons of each neuron's own count variance. About 1/neurons for
    /// independent (asynchronous) neurons, approaching 1 for full synchrony. Steps before <paramref name="fromStep"/> are skipped.
    /// </summary>
    public static double Synchrony(SpikeMonitor monitor, int neurons, int binSteps, long fromStep = 0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (neurons < 1 || neurons > monitor.Group.Size)
            throw new ArgumentOutOfRangeException(nameof(neurons), neurons, $"Brunel.Synchrony: neurons must be in [1, {monitor.Group.Size}].");
        if (binSteps < 1) throw new ArgumentOutOfRangeException(nameof(binSteps), binSteps, "Brunel.Synchrony: binSteps must be at least 1.");
        long total = monitor.StepsRecorded - fromStep;
        int bins = (int)(total / binSteps);
        if (bins < 2) throw new ArgumentException($"Brunel.Synchrony: {total} recorded steps give fewer than 2 bins of {binSteps} steps.");
        var counts = new float[neurons * bins];
        var idx = monitor.Indices; var steps = monitor.Steps;
        for (int k = 0; k < idx.Length; k++)
        {
            long s = steps[k] - fromStep;
            if (s < 0 || idx[k] >= neurons) continue;
            int b = (int)(s / binSteps);
            if (b < bins) counts[idx[k] * bins + b]++;
        }
        double meanSingleVar = 0;
        var pop = new double[bins];
        for (int n = 0; n < neurons; n++)
        {
            double m = 0, m2 = 0;
            for (int b = 0; b < bins; b++) { double c = counts[n * bins + b]; m += c; m2 += c * c; pop[b] += c / neurons; }
            m /= bins;
            meanSingleVar += m2 / bins - m * m;
        }
        meanSingleVar /= neurons;
        double pm = 0, pm2 = 0;
        foreach (double x in pop) { pm += x; pm2 += x * x; }
        pm /= bins;
        double popVar = pm2 / bins - pm * pm;
        return meanSingleVar > 0 ? popVar / meanSingleVar : 0;
    }
}
