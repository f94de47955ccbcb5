using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Random;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// A liquid state machine (Maass, Natschlaeger &amp; Markram 2002, Neural Comput. 14:2531): a fixed random recurrent E/I
/// network of LIF neurons whose filtered spike trains are the features of a trained linear readout
/// (<see cref="RidgeReadout"/>). It is an ordinary simulation <see cref="Dynamics.Network"/> built from the engine's parts,
/// so the same model definition runs, is monitored and is plotted like any other network:
/// <code>
///   C dv/dt = g_L (E_L - v) + I_bias + I_in + I_E + I_I          (LifNeuron; v -> V_reset, t_ref after a spike)
///   tau_E dI_E/dt = -I_E + sum_{E spikes} w_E,   w_E ~ U(0.5, 1.5) WeightExcPa &gt; 0      (ExponentialSynapse, CurrentOutput)
///   tau_I dI_I/dt = -I_I + sum_{I spikes} w_I,   w_I ~ U(1.5, 0.5) WeightInhPa &lt; 0
///   connectivity: FixedProbability(p) for E->E, E->I, I->E, I->I; N_E = round(f_E N) (Dale's law by population)
///   input (current mode):  I_in,j = sum_c W_in[c, j] u_c,  W_in[c, j] ~ N(0, InputCurrentScalePa^2) with prob p_in, else 0
///   input (Poisson mode):  channel c = M Poisson sources at max(0, base + gain u_c) Hz, FixedProbability(p_in) onto E and I,
///                          weights ~ U(0.5, 1.5) PoissonWeightPa through exponential synapses with tau_E
///   features: r_j(t) = (1000 / tau_f) sum_k exp(-(t - t_k^j) / tau_f)   (Hz; E neurons first, then I)
/// </code>
/// Inputs are held for <see cref="SpikingReservoirOptions.SampleMs"/> per sample and one feature vector is taken at the
/// end of each sample. Parameters, units and defaults: <see cref="SpikingReservoirOptions"/>. Everything is seeded by
/// <see cref="SpikingReservoirOptions.Seed"/>. Float32 state (the engine's), float64 features.
/// </summary>
public sealed class SpikingReservoir : IDisposable
{
    /// <summary>The configuration.</summary>
    public SpikingReservoirOptions Options { get; }
    /// <summary>The simulation network (E, I, optional Poisson sources, projections, input currents, the feature recorder). Add monitors before the first <see cref="Collect"/>.</summary>
    public Network Network { get; }
    /// <summary>The excitatory population (feature indices [0, N_E)).</summary>
    public LifNeuron Excitatory { get; }
    /// <summary>The inhibitory population (feature indices [N_E, N)).</summary>
    public LifNeuron Inhibitory { get; }
    /// <summary>The Poisson input sources (Poisson mode; channel c owns sources [c M, (c+1) M)), or null.</summary>
    public PoissonGroup? InputSources { get; }
    /// <summary>Number of reservoir neurons, which is the number of readout features.</summary>
    public int Neurons { get; }
    /// <summary>Number of input channels.</summary>
    public int Inputs { get; }
    /// <summary>Integration steps per input sample.</summary>
    public int StepsPerSample { get; }
    /// <summary>Current-mode input weights [Inputs, Neurons] (pA per input unit); empty in Poisson mode.</summary>
    public ReadOnlySpan<double> InputWeights => _win;
    /// <summary>Reservoir spikes since construction or the last <see cref="Reset"/>.</summary>
    public long TotalSpikes => _features.TotalSpikes;
    /// <summary>Simulated time since the last <see cref="Reset"/>, ms.</summary>
    public double TimeMs => _sim?.TimeMs ?? 0;

    private readonly double[] _win;
    private readonly HeldInputCurrent _curE, _curI;
    private readonly FilteredSpikeTrains _features;
    private readonly int _nE;
    private Simulator? _sim;

    /// <summary>Builds the network (validated here; connectivity is drawn when the first sample runs).</summary>
    public SpikingReservoir(SpikingReservoirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int n = Neurons = options.Neurons, nin = Inputs = options.Inputs;
        StepsPerSample = (int)Math.Round(options.SampleMs / options.Dt);
        _nE = (int)Math.Round(options.ExcitatoryFraction * n);
        var cell = options.Cell;
        Network = new Network(options.Seed);
        var v0 = Initializer.Uniform(cell.EL, cell.VTh);
        Excitatory = Network.Add(new LifNeuron(_nE, cell, "E") { InitialV = v0 });
        Inhibitory = Network.Add(new LifNeuron(n - _nE, cell, "I") { InitialV = v0 });

        var p = new FixedProbability(options.ConnectionProbability);
        double we = options.WeightExcPa, wi = options.WeightInhPa;
        void Connect(NeuronGroup pre, NeuronGroup post, Initializer w, double tau, string syn)
            => Network.Add(new Projection(pre, post, p, w, new ExponentialSynapse(post.Size, tau, syn), new CurrentOutput()));
        Connect(Excitatory, Excitatory, Initializer.Uniform(0.5 * we, 1.5 * we), options.TauExcMs, "I_E");
        Connect(Excitatory, Inhibitory, Initializer.Uniform(0.5 * we, 1.5 * we), options.TauExcMs, "I_E");
        Connect(Inhibitory, Excitatory, Initializer.Uniform(1.5 * wi, 0.5 * wi), options.TauInhMs, "I_I");
        Connect(Inhibitory, Inhibitory, Initializer.Uniform(1.5 * wi, 0.5 * wi), options.TauInhMs, "I_I");

        if (options.InputMode == ReservoirInputMode.Current)
        {
            _win = new double[nin * n];
            var rng = new RandomStream(options.Seed, Philox.StreamId(0x15A, 1));
            for (int k = 0; k < _win.Length; k++)
            {
                bool on = options.InputConnectionProbability >= 1 || rng.NextDouble() < options.InputConnectionProbability;
                double g = rng.NextNormal();
                _win[k] = on ? options.InputCurrentScalePa * g : 0;
            }
        }
        else
        {
            _win = [];
            int m = nin * options.PoissonSourcesPerChannel;
            InputSources = Network.Add(new PoissonGroup(m, options.PoissonBaseRateHz, Philox.Hash64(options.Seed, 0x15B, 0)));
            var pin = new FixedProbability(options.InputConnectionProbability);
            double wp = options.PoissonWeightPa;
            foreach (var post in new NeuronGroup[] { Excitatory, Inhibitory })
                Network.Add(new Projection(InputSources, post, pin, Initializer.Uniform(0.5 * wp, 1.5 * wp),
                    new ExponentialSynapse(post.Size, options.TauExcMs, "I_in"), new CurrentOutput()));
        }
        _curE = Network.Add(new HeldInputCurrent(Excitatory));
        _curI = Network.Add(new HeldInputCurrent(Inhibitory));
        _features = Network.Add(new FilteredSpikeTrains(options.FilterTauMs, Excitatory, Inhibitory));
        SetInput(new double[nin]);
    }

    /// <summary>
    /// Drives the reservoir from its current state through <paramref name="samples"/> samples of <paramref name="inputs"/>
    /// [samples, Inputs], each held for SampleMs, and writes the filtered spike trains (Hz) at the end of every sample
    /// into <paramref name="features"/> [samples, Neurons].
    /// </summary>
    public void Collect(ReadOnlySpan<double> inputs, int samples, Span<double> features)
    {
        int nin = Inputs, n = Neurons;
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "SpikingReservoir.Collect: samples must be positive.");
        if (inputs.Length != (long)samples * nin)
            throw new ArgumentException($"SpikingReservoir.Collect: inputs length {inputs.Length} != samples*inputs = {(long)samples * nin}.", nameof(inputs));
        if (features.Length != (long)samples * n)
            throw new ArgumentException($"SpikingReservoir.Collect: features length {features.Length} != samples*neurons = {(long)samples * n}.", nameof(features));
        for (int i = 0; i < inputs.Length; i++)
            if (!double.IsFinite(inputs[i]))
                throw new ArgumentException($"SpikingReservoir.Collect: inputs[{i / nin}, {i % nin}] is {inputs[i]}; inputs must be finite.", nameof(inputs));
        _sim ??= new Simulator(Network, Options.Dt);
        for (int s = 0; s < samples; s++)
        {
            SetInput(inputs.Slice(s * nin, nin));
            Network.Advance(StepsPerSample);
            _features.Rates.CopyTo(features.Slice(s * n, n));
        }
    }

    /// <summary>Returns the network to its seeded initial state (time 0, zero features). Poisson draws then repeat those of the first run.</summary>
    public void Reset()
    {
        _sim?.Reset();
        _features.Clear();
    }

    /// <summary>Stops the network's worker threads (if any).</summary>
    public void Dispose() => _sim?.Dispose();

    // Writes bias + W_in u into the held currents (current mode) or the Poisson rates (Poisson mode).
    private void SetInput(ReadOnlySpan<double> u)
    {
        var o = Options;
        int n = Neurons, nin = Inputs;
        if (o.InputMode == ReservoirInputMode.Current)
        {
            for (int j = 0; j < n; j++)
            {
                double acc = o.BiasPa;
                for (int c = 0; c < nin; c++) acc += _win[c * n + j] * u[c];
                if (j < _nE) _curE.Values[j] = (float)acc; else _curI.Values[j - _nE] = (float)acc;
            }
        }
        else
        {
            Array.Fill(_curE.Values, (float)o.BiasPa);
            Array.Fill(_curI.Values, (float)o.BiasPa);
            int m = o.PoissonSourcesPerChannel;
            for (int c = 0; c < nin; c++)
            {
                double rate = Math.Max(0, o.PoissonBaseRateHz + o.PoissonRateGainHz * u[c]);
                for (int k = 0; k < m; k++) InputSources!.SetRate(c * m + k, rate);
            }
        }
    }
}
