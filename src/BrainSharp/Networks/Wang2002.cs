using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Neurons;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Networks;

/// <summary>
/// Wang (2002), Neuron 36:955, "Probabilistic decision making by slow reverberation in cortical circuits": N_E = 1600
/// pyramidal cells (two selective groups A and B of f N_E = 240 each, the rest non-selective) and N_I = 400 interneurons,
/// all-to-all, LIF with AMPA, NMDA and GABA-A conductances:
/// <code>
/// C dV/dt = -g_L (V - E_L) - g_ext s_ext (V - E_E) - g_AMPA (V - E_E) sum_j w_j s_j^AMPA
///           - g_NMDA (V - E_E) / (1 + [Mg] exp(-0.062 V) / 3.57) sum_j w_j s_j^NMDA - g_GABA (V - E_I) sum_j s_j^GABA
/// ds^AMPA/dt = -s/2 ms + sum delta;  ds^GABA/dt = -s/5 ms + sum delta
/// ds^NMDA/dt = -s/100 ms + 0.5/ms x (1 - s),  dx/dt = -x/2 ms + sum delta   (per presynaptic neuron, saturating)
/// </code>
/// E: C 500 pF, g_L 25 nS, t_ref 2 ms; I: C 200 pF, g_L 20 nS, t_ref 1 ms; both E_L -70, V_th -50, V_reset -55 mV.
/// E_E 0 mV, E_I -70 mV, [Mg] 1 mM. Conductances onto E (I): g_ext 2.1 (1.62), g_AMPA 0.05 (0.04), g_NMDA 0.165 (0.13),
/// g_GABA 1.3 (1.0) nS. Structured weights among E cells: w+ = 1.7 within a selective group, w- = 1 - f (w+ - 1)/(1 - f)
/// from the other selective group and from non-selective cells to selective ones, 1 otherwise. Background: 800 external
/// Poisson inputs at 3 Hz onto each cell (AMPA, g_ext). Stimulus: Poisson input to the selective groups at
/// nu_A = mu0 (1 + c'/100), nu_B = mu0 (1 - c'/100) (mu0 = 40 Hz, c' = coherence in %) through the external AMPA synapse,
/// between stim_on and stim_off.
/// Implementation: because connectivity is all-to-all with weights that depend only on the groups, each projection is
/// computed from group sums: AMPA and GABA are linear, so per post neuron one exponential variable receives
/// (sum over source groups of w x that group's spike count); NMDA keeps s per presynaptic neuron (exact saturation, as in
/// the paper), and each post neuron sees g_NMDA sum_G w_G (sum of s in G). Cost O(N) per step instead of O(N^2).
/// For N other than 2000 the groups scale with N and the recurrent conductances by 1600/N_E (E sources) and 400/N_I (I sources).
/// </summary>
public sealed class Wang2002 : ReferenceNetwork
{
    /// <summary>Creates the network with the paper's parameters (coherence 51.2 %).</summary>
    public Wang2002() : base(
        new("coherence", "%", 51.2, "motion coherence c' (positive favours group A)", -100, 100),
        new("mu0", "Hz", 40, "stimulus rate at zero coherence", 0),
        new("stim_on", "ms", 200, "stimulus onset", 0),
        new("stim_off", "ms", 1200, "stimulus offset", 0),
        new("f", "1", 0.15, "fraction of E cells in each selective group", 0.01, 0.5),
        new("w_plus", "1", 1.7, "recurrent weight within a selective group", 0),
        new("nu_ext", "Hz", 3, "rate of each of the 800 background inputs", 0),
        new("g_ext_E", "nS", 2.1, "external AMPA conductance onto E", 0),
        new("g_ext_I", "nS", 1.62, "external AMPA conductance onto I", 0),
        new("g_AMPA_E", "nS", 0.05, "recurrent AMPA conductance onto E", 0),
        new("g_AMPA_I", "nS", 0.04, "recurrent AMPA conductance onto I", 0),
        new("g_NMDA_E", "nS", 0.165, "NMDA conductance onto E", 0),
        new("g_NMDA_I", "nS", 0.13, "NMDA conductance onto I", 0),
        new("g_GABA_E", "nS", 1.3, "GABA-A conductance onto E", 0),
        new("g_GABA_I", "nS", 1.0, "GABA-A conductance onto I", 0))
    { }

    /// <inheritdoc/>
    public override string Name => "wang2002";

    /// <inheritdoc/>
    public override string Description => "Wang 2002 decision-making network: LIF, AMPA/NMDA/GABA-A, two selective populations, winner-take-all";

    /// <inheritdoc/>
    public override string ReferenceRate => "Wang 2002: winner ~ 30-40 Hz, loser < 5 Hz, spontaneous ~ 2 Hz";

    /// <inheritdoc/>
    public override int DefaultNeurons => 2000;

    /// <inheritdoc/>
    public override double DefaultDurationMs => 1500;

    /// <summary>Size of each selective group for a network of <paramref name="neurons"/> cells.</summary>
    public int SelectiveSize(int neurons) => (int)Math.Round(Get("f") * Math.Round(0.8 * neurons));

    /// <summary>Mean rates (Hz) of groups A and B between <paramref name="fromMs"/> and <paramref name="toMs"/>, from the E monitor of <paramref name="built"/>.</summary>
    public (double A, double B) SelectiveRates(BuiltNetwork built, double fromMs, double toMs)
    {
        var m = built.Monitor("E");
        int nSel = SelectiveSize(built.Populations.Sum(p => p.Size));
        long a = 0, b = 0;
        var idx = m.Indices; var steps = m.Steps;
        for (int k = 0; k < idx.Length; k++)
        {
            double t = steps[k] * m.Dt;
            if (t < fromMs || t >= toMs) continue;
            if (idx[k] < nSel) a++;
            else if (idx[k] < 2 * nSel) b++;
        }
        double s = (toMs - fromMs) / 1000.0;
        return (a / (nSel * s), b / (nSel * s));
    }

    /// <inheritdoc/>
    protected override BuiltNetwork BuildCore(int neurons, ulong seed, ConnectivityStorage storage, int threads)
    {
        int nE = (int)Math.Round(0.8 * neurons), nI = neurons - nE, nSel = SelectiveSize(neurons);
        if (nSel < 1 || 2 * nSel >= nE)
            throw new ArgumentException($"wang2002: {neurons} neurons give selective groups of {nSel} in {nE} E cells; need 1 <= 2 f N_E < N_E.");
        double scaleE = 1600.0 / nE, scaleI = 400.0 / nI;
        var pE = new LifParams { Cm = 500, GL = 25, EL = -70, VTh = -50, VReset = -55, TRef = 2 };
        var pI = new LifParams { Cm = 200, GL = 20, EL = -70, VTh = -50, VReset = -55, TRef = 1 };
        var net = new Network(seed, threads);
        var e = net.Add(new LifNeuron(nE, pE, "E") { InitialV = Initializer.Uniform(-70, -50) });
        var i = net.Add(new LifNeuron(nI, pI, "I") { InitialV = Initializer.Uniform(-70, -50) });

        // E groups: A = [0, nSel), B = [nSel, 2 nSel), non-selective = [2 nSel, nE).
        int[] eBounds = [0, nSel, 2 * nSel, nE], iBounds = [0, nI];
        double f = Get("f"), wp = Get("w_plus"), wm = 1 - f * (wp - 1) / (1 - f);
        // w[source group, target group] among E groups (A, B, NS).
        var wEE = new double[,] { { wp, wm, 1 }, { wm, wp, 1 }, { wm, wm, 1 } };
        var ones31 = new double[,] { { 1 }, { 1 }, { 1 } };
        var ones13 = new double[,] { { 1, 1, 1 } };
        var ones11 = new double[,] { { 1 } };

        var ampaE = new ExponentialSynapse(nE, 2, "s_AMPA");
        var ampaI = new ExponentialSynapse(nI, 2, "s_AMPA");
        var gabaE = new ExponentialSynapse(nE, 5, "s_GABA");
        var gabaI = new ExponentialSynapse(nI, 5, "s_GABA");
        var ampaOut = new ConductanceOutput(0);
        var gabaOut = new ConductanceOutput(-70);
        var mg = new MagnesiumBlockOutput(0, 1);

        net.Add(new GroupCoupling("E->E AMPA", e, e, eBounds, eBounds, wEE, Get("g_AMPA_E") * scaleE, ampaE, ampaOut));
        net.Add(new GroupCoupling("E->I AMPA", e, i, eBounds, iBounds, ones31, Get("g_AMPA_I") * scaleE, ampaI, ampaOut));
        net.Add(new GroupCoupling("I->E GABA", i, e, iBounds, eBounds, ones13, Get("g_GABA_E") * scaleI, gabaE, gabaOut));
        net.Add(new GroupCoupling("I->I GABA", i, i, iBounds, iBounds, ones11, Get("g_GABA_I") * scaleI, gabaI, gabaOut));
        // One per-pre NMDA gating population serves both targets: the E->E coupling updates it, E->I only reads it.
        var nmda = new NmdaSynapse(nE, tauRise: 2, tauDecay: 100, alpha: 0.5, gMax: 1) { Name = "s_NMDA" };
        net.Add(new GroupCoupling("E->E NMDA", e, e, eBounds, eBounds, wEE, Get("g_NMDA_E") * scaleE, nmda, mg, ownsPerPre: true));
        net.Add(new GroupCoupling("E->I NMDA", e, i, eBounds, iBounds, ones31, Get("g_NMDA_I") * scaleE, nmda, mg, ownsPerPre: false));

        // Background and stimulus enter through the AMPA variables (same time constant and reversal as recurrent AMPA).
        net.Add(new PoissonInput(ampaE, 800, Get("nu_ext"), Get("g_ext_E"), seed: 1) { Name = "ext->E" });
        net.Add(new PoissonInput(ampaI, 800, Get("nu_ext"), Get("g_ext_I"), seed: 2) { Name = "ext->I" });
        double c = Get("coherence") / 100, mu0 = Get("mu0");
        net.Add(new PoissonInput(ampaE, 1, mu0 * (1 + c), Get("g_ext_E"), seed: 3)
        { Name = "stim->A", FirstNeuron = 0, NeuronCount = nSel, StartMs = Get("stim_on"), StopMs = Get("stim_off") });
        net.Add(new PoissonInput(ampaE, 1, mu0 * (1 - c), Get("g_ext_E"), seed: 4)
        { Name = "stim->B", FirstNeuron = nSel, NeuronCount = nSel, StartMs = Get("stim_on"), StopMs = Get("stim_off") });

        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        return new BuiltNetwork(net, new NeuronGroup[] { e, i }, new[] { me, mi }, []);
    }

    /// <summary>
    /// All-to-all coupling whose weights depend only on (source group, target group). Linear mode: the per-post synapse
    /// receives gain x sum_G w[G, H] (spike count of G) each step. Per-pre mode (NMDA): the synapse holds one gating
    /// variable per source neuron (arrivals = its spikes); each target neuron in H sees gain x sum_G w[G, H] x (sum of the
    /// gating variables of G). Minimal delay: spikes of step n act from step n + 1, as Projection.
    /// </summary>
    private sealed class GroupCoupling : Coupling
    {
        private readonly NeuronGroup _src, _tgt;
        private readonly int[] _srcBounds, _tgtBounds;
        private readonly double[,] _w;
        private readonly double _gain;
        private readonly SynapseDynamics _syn;
        private readonly SynapticOutput _out;
        private readonly bool _perPre, _ownsPerPre;
        private readonly int[] _counts;
        private readonly double[] _groupSum;
        private readonly float[] _value;

        public GroupCoupling(string name, NeuronGroup src, NeuronGroup tgt, int[] srcBounds, int[] tgtBounds, double[,] w,
                             double gain, SynapseDynamics syn, SynapticOutput output, bool? ownsPerPre = null)
        {
            Name = name; _src = src; _tgt = tgt; _srcBounds = srcBounds; _tgtBounds = tgtBounds; _w = w; _gain = gain;
            _syn = syn; _out = output;
            _perPre = ownsPerPre.HasValue;
            _ownsPerPre = ownsPerPre ?? true;
            if (w.GetLength(0) != srcBounds.Length - 1 || w.GetLength(1) != tgtBounds.Length - 1)
                throw new ArgumentException($"{name}: weight matrix is {w.GetLength(0)} x {w.GetLength(1)}, groups are {srcBounds.Length - 1} x {tgtBounds.Length - 1}.");
            if (syn.Size != (_perPre ? src.Size : tgt.Size))
                throw new ArgumentException($"{name}: synapse '{syn.Name}' has {syn.Size} units, expected {(_perPre ? src.Size : tgt.Size)}.");
            _counts = new int[srcBounds.Length - 1];
            _groupSum = new double[srcBounds.Length - 1];
            _value = new float[tgt.Size];
        }

        public override NeuronGroup Source => _src;
        public override NeuronGroup Target => _tgt;
        public override bool IsPartitioned => false;
        public override IReadOnlyList<StateVariable> States => _ownsPerPre ? _syn.States : [];

        public override void Build(Clock clock, ulong seed, Partition targetPartition) => _syn.Prepare(clock);

        public override void Reset(ulong seed)
        {
            if (_ownsPerPre) _syn.Reset(seed);
            Array.Clear(_counts);
        }

        public override void ApplyOutput(Clock clock, int worker)
        {
            if (!_perPre) { _out.Apply(_syn.Value, _tgt); return; }
            var s = _syn.Value;
            for (int g = 0; g < _groupSum.Length; g++)
            {
                double sum = 0;
                for (int k = _srcBounds[g]; k < _srcBounds[g + 1]; k++) sum += s[k];
                _groupSum[g] = sum;
            }
            for (int h = 0; h + 1 < _tgtBounds.Length; h++)
            {
                double v = 0;
                for (int g = 0; g < _groupSum.Length; g++) v += _w[g, h] * _groupSum[g];
                _value.AsSpan(_tgtBounds[h], _tgtBounds[h + 1] - _tgtBounds[h]).Fill((float)(_gain * v));
            }
            _out.Apply(_value, _tgt);
        }

        public override void CollectSpikes(Clock clock)
        {
            Array.Clear(_counts);
            foreach (int k in _src.Spikes.Current)
            {
                int g = 0;
                while (k >= _srcBounds[g + 1]) g++;
                _counts[g]++;
                if (_perPre && _ownsPerPre) _syn.Arrivals[k] += 1;
            }
        }

        public override void Propagate(Clock clock, int worker)
        {
            if (_perPre)
            {
                if (_ownsPerPre) _syn.Update(clock);
                return;
            }
            var arr = _syn.Arrivals;
            for (int h = 0; h + 1 < _tgtBounds.Length; h++)
            {
                double a = 0;
                for (int g = 0; g < _counts.Length; g++) a += _w[g, h] * _counts[g];
                if (a == 0) continue;
                float add = (float)(_gain * a);
                for (int j = _tgtBounds[h]; j < _tgtBounds[h + 1]; j++) arr[j] += add;
            }
            _syn.Update(clock);
        }

        public override void SaveState(StateSnapshot snapshot)
        {
            if (!_ownsPerPre) return;
            foreach (var s in _syn.States) snapshot.Put(s.Values);
            snapshot.Put(_syn.Arrivals);
        }

        public override void RestoreState(StateSnapshot snapshot)
        {
            if (!_ownsPerPre) return;
            foreach (var s in _syn.States) snapshot.Take(s.Values, $"{Name}.{s.Name}");
            snapshot.Take(_syn.Arrivals, $"{Name}.Arrivals");
        }
    }
}
