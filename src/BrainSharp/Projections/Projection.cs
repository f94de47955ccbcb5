using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Plasticity;
using BrainSharp.Random;
using BrainSharp.Synapses;

namespace BrainSharp.Projections;

/// <summary>
/// A projection from a pre to a post neuron group, built from orthogonal parts:
/// <list type="bullet">
/// <item>connectivity: a <see cref="Connector"/>, kept as <see cref="ConnectivityStorage.Csr"/>, <see cref="ConnectivityStorage.Dense"/>,
/// or <see cref="ConnectivityStorage.Procedural"/> (rows regenerated from (seed, pre) on every spike, never stored);</item>
/// <item>weights: an <see cref="Initializer"/> (constant, normal, log-normal, uniform), in the unit of the synaptic variable
/// (nS for conductance, pA for current outputs); drawn weights of row pre come from the Philox stream (weight seed, pre) in row
/// order, so procedural rows regenerate exactly the stored weights;</item>
/// <item>delay (ms): one step by default (Brian2's zero delay: the synaptic variable jumps at the end of the spike's step);
/// a constant (homogeneous, ring buffer of spike lists) or a distribution (per synapse, ring buffer of per-post arrivals);
/// rounded to whole steps; a delay shorter than dt throws at build;</item>
/// <item>synapse dynamics (<see cref="SynapseDynamics"/>, state per post neuron, or per pre neuron for an <see cref="IPresynapticGating"/>
/// synapse such as NMDA, which then receives the due spikes instead of summed weights) and output (<see cref="SynapticOutput"/>);</item>
/// <item>optional <see cref="ShortTermPlasticity"/> (per-pre efficacy scaling each spike's weights) and
/// <see cref="SpikeTimingPlasticity"/> (updates the stored weights; needs CSR and a homogeneous delay).</item>
/// </list>
/// Propagation is event-driven: each step costs O(spikes x out-degree) for delivery plus O(nPost) for the kinetics.
/// A delay of D ms (D a multiple of dt) makes the synaptic variable jump at t_spike + D; Brian2's <c>delay = d</c> equals D = d + dt here.
/// </summary>
public sealed partial class Projection : Coupling, IOwnsSystems
{
    private readonly NeuronGroup _pre, _post;
    private Partition _range = Partition.Single(0, 1);
    private bool _partitioned;
    private int _workers = 1;
    private ulong _connSeed, _weightSeed, _delaySeed;
    private bool _same;
    private float _wConst;
    private bool _constWeight;
    private double _dt;

    // storage
    private int[]? _rowPtr, _postIdx, _split;
    // The post indices again as 16-bit values when every target fits (N_post <= 65536): delivery streams half the bytes
    // of the CSR index array, which at 64000 neurons (20 MB of indices) otherwise evicts the conductances from L2.
    private ushort[]? _postIdx16;
    // Worker-major copy of the 16-bit targets (threads > 1, constant weights): worker w's segments of all rows stored
    // together, so a worker reads only its own, densely packed segments and its own row pointers (see LayOutRows).
    private ushort[][]? _wIdx16;
    private int[][]? _wRowPtr;
    // The same rows in line-aligned slots without bounds (PaddedRows): whole rows (_padded), or each worker's segments
    // (_wPadded). Delivery prefers them where they were built.
    private PaddedRows? _padded;
    private PaddedRows[]? _wPadded;
    private float[]? _weights, _initialWeights, _dense;
    private IProceduralConnector? _proc;
    private int[][]? _scratchIdx;
    private float[][]? _scratchW;
    private int[][]? _scratchD;

    // delays
    private int _delaySteps = 1;          // homogeneous delay in steps (>= 1)
    private bool _perSynapseDelay;
    private ushort[]? _delays;            // per synapse (CSR)
    private int _ringLength;              // per-synapse: max delay steps
    private float[]? _dendriticRing;      // [ringLength * nPost]
    private int[][]? _spikeRing;          // homogeneous d > 1: [d][nPre]
    private int[]? _spikeRingCount;
    private float[][]? _effRing;          // STP efficacies travelling with the spikes
    private float[]? _eff1;               // efficacies of this step's spikes (d == 1 or per-synapse)

    // what Propagate delivers this step
    private int[] _due = Array.Empty<int>();
    private int _dueCount;
    private float[]? _dueEff;

    private SynapseView? _view;
    private IPresynapticGating? _gating;  // synapse kept per presynaptic neuron (saturating kinetics), fed the due spikes
    private StateVariable[] _states = Array.Empty<StateVariable>();
    private FusedInput? _fusible;
    private bool _fused;

    /// <summary>Creates a projection from <paramref name="pre"/> to <paramref name="post"/>. Parts are validated at build.</summary>
    public Projection(NeuronGroup pre, NeuronGroup post, Connector connector, Initializer weight,
                      SynapseDynamics synapse, SynapticOutput output, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(pre); ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(connector); ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(synapse); ArgumentNullException.ThrowIfNull(output);
        _pre = pre; _post = post;
        Connector = connector; Weight = weight; Synapse = synapse; Output = output;
        Name = name ?? $"{pre.Name}->{post.Name}";
    }

    /// <inheritdoc/>
    public override NeuronGroup Source => _pre;

    /// <inheritdoc/>
    public override NeuronGroup Target => _post;

    /// <summary>The connection rule.</summary>
    public Connector Connector { get; }

    /// <summary>Synaptic weights, in the unit of the synaptic variable (nS for conductance, pA for current outputs).</summary>
    public Initializer Weight { get; }

    /// <summary>Synaptic kinetics, one state per post neuron.</summary>
    public SynapseDynamics Synapse { get; }

    /// <summary>How the synaptic variable acts on the post neurons.</summary>
    public SynapticOutput Output { get; }

    /// <summary>Axonal delay, ms: null = one step (the minimum); a constant = homogeneous; a distribution = per synapse.</summary>
    public Initializer? Delay { get; init; }

    /// <summary>How connections are kept (default CSR).</summary>
    public ConnectivityStorage Storage { get; init; } = ConnectivityStorage.Csr;

    /// <summary>Optional short-term plasticity (per-pre efficacy).</summary>
    public ShortTermPlasticity? ShortTerm { get; init; }

    /// <summary>Optional spike-timing-dependent plasticity (updates stored weights).</summary>
    public SpikeTimingPlasticity? SpikeTiming { get; init; }

    /// <summary>Seed of connectivity, weights and delays; null = derived from the network seed and the projection's position.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The connection structure (CSR and dense storage), after build.</summary>
    public CsrStructure? Structure { get; private set; }

    /// <summary>Per-synapse weights (CSR with drawn weights or plasticity), after build; null when all weights are the constant.</summary>
    public float[]? Weights => _weights;

    /// <summary>The plastic view (CSR weights + by-post index), when <see cref="SpikeTiming"/> is set.</summary>
    public SynapseView? Synapses => _view;

    /// <summary>Homogeneous delay in steps (1 = minimal), after build.</summary>
    public int DelaySteps => _delaySteps;

    /// <summary>Number of synapses (counted by regenerating every row for procedural storage).</summary>
    public long SynapseCount
    {
        get
        {
            if (Structure is not null) return Structure.NonZeros;
            if (_proc is null || Storage != ConnectivityStorage.Procedural) throw new InvalidOperationException($"Projection '{Name}': not built yet.");
            long n = 0;
            var row = new int[Math.Max(1, _proc.MaxRowLength(_pre.Size, _post.Size))];
            for (int i = 0; i < _pre.Size; i++) n += _proc.Row(i, _pre.Size, _post.Size, _connSeed, _same, row);
            return n;
        }
    }

    /// <inheritdoc/>
    public override bool IsPartitioned => _partitioned;

    /// <inheritdoc/>
    public IReadOnlyList<DynamicalSystem> OwnedSystems => new DynamicalSystem[] { Synapse };

    /// <inheritdoc/>
    public override bool HasLearning => SpikeTiming is not null;

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    private string Model => $"Projection '{Name}'";

    /// <inheritdoc/>
    public override void Build(Clock clock, ulong seed, Partition targetPartition)
    {
        ArgumentNullException.ThrowIfNull(clock); ArgumentNullException.ThrowIfNull(targetPartition);
        int nPre = _pre.Size, nPost = _post.Size;
        double dt = clock.Dt;
        _dt = dt;
        if (Synapse.Size != nPost || Synapse.Batch != _post.Batch)
            throw new ArgumentException($"{Model}: synapse '{Synapse.Name}' has {Synapse.Size} units but post population '{_post.Name}' has {nPost} neurons (mismatched population sizes).");
        if (targetPartition.Size != nPost)
            throw new ArgumentException($"{Model}: target partition covers {targetPartition.Size} units, post population '{_post.Name}' has {nPost}.");
        Weight.Validate(Model, "weight");
        ulong b = Seed ?? seed;
        _connSeed = Philox.Hash64(b, 0xC0, 0); _weightSeed = Philox.Hash64(b, 0xC1, 0); _delaySeed = Philox.Hash64(b, 0xC2, 0);
        _same = ReferenceEquals(_pre, _post);
        _constWeight = Weight.IsConstant;
        _wConst = _constWeight ? (float)Weight.ConstantValue : 0f;

        // delays
        _perSynapseDelay = Delay is not null && !Delay.IsConstant;
        if (Delay is not null)
        {
            Delay.Validate(Model, "delay");
            double dmin = Delay.Minimum;
            if (dmin < dt * (1 - 1e-9))
                throw new ArgumentOutOfRangeException("delay", dmin, $"{Model}: parameter delay = {Delay} ms can be shorter than the time step dt = {dt} ms (minimum {dmin} ms); the minimal delay is one step.");
            if (!_perSynapseDelay) _delaySteps = Math.Max(1, (int)Math.Round(Delay.ConstantValue / dt));
        }
        if (_perSynapseDelay && Storage == ConnectivityStorage.Dense)
            throw new NotSupportedException($"{Model}: per-synapse delays ({Delay}) need CSR or procedural storage, not dense.");
        if (_perSynapseDelay && Storage == ConnectivityStorage.Procedural && !double.IsFinite(Delay!.Maximum))
            throw new ArgumentException($"{Model}: procedural storage needs a bounded delay distribution (constant or uniform), got delay = {Delay}.", "delay");
        if (SpikeTiming is not null && Storage != ConnectivityStorage.Csr)
            throw new NotSupportedException($"{Model}: spike-timing plasticity needs stored weights (Storage = Csr), got {Storage}.");
        if (SpikeTiming is not null && _perSynapseDelay)
            throw new NotSupportedException($"{Model}: spike-timing plasticity is supported with a homogeneous delay only, got delay = {Delay}.");

        Synapse.Prepare(clock);
        _workers = targetPartition.Workers;
        _partitioned = Synapse.CanUpdateRange && Output.CanApplyRange;
        _range = _partitioned ? targetPartition : Partition.Single(nPost, _workers);

        // connectivity and weights
        _proc = Connector as IProceduralConnector;
        switch (Storage)
        {
            case ConnectivityStorage.Procedural:
                if (_proc is null)
                    throw new NotSupportedException($"{Model}: procedural storage needs a connector whose rows can be regenerated (IProceduralConnector); {Connector} is not one.");
                int maxRow = Math.Max(1, _proc.MaxRowLength(nPre, nPost));
                _scratchIdx = new int[_workers][]; _scratchW = new float[_workers][]; _scratchD = new int[_workers][];
                for (int w = 0; w < _workers; w++)
                {
                    _scratchIdx[w] = new int[maxRow];
                    _scratchW[w] = _constWeight ? Array.Empty<float>() : new float[maxRow];
                    _scratchD[w] = _perSynapseDelay ? new int[maxRow] : Array.Empty<int>();
                }
                _ringLength = _perSynapseDelay ? (int)Math.Round(Delay!.Maximum / dt) : 0;
                break;
            case ConnectivityStorage.Csr:
            case ConnectivityStorage.Dense:
                var csr = Connector.Build(nPre, nPost, _connSeed, _same);
                if (csr.NPre != nPre || csr.NPost != nPost)
                    throw new InvalidOperationException($"{Model}: connector {Connector} built a {csr.NPre} x {csr.NPost} structure for {nPre} x {nPost} neurons.");
                Structure = csr;
                _rowPtr = csr.RowPtr; _postIdx = csr.PostIndices;
                _postIdx16 = null;
                if (nPost <= ushort.MaxValue + 1 && Storage == ConnectivityStorage.Csr)
                {
                    _postIdx16 = new ushort[_postIdx.Length];
                    for (int s = 0; s < _postIdx.Length; s++) _postIdx16[s] = (ushort)_postIdx[s];
                }
                if (!_constWeight || SpikeTiming is not null)
                {
                    _weights = new float[csr.NonZeros];
                    for (int i = 0; i < nPre; i++)
                    {
                        var rng = new RandomStream(_weightSeed, (ulong)i);
                        for (int s = _rowPtr[i]; s < _rowPtr[i + 1]; s++) _weights[s] = (float)Weight.Sample(ref rng);
                    }
                }
                if (_perSynapseDelay)
                {
                    _delays = new ushort[csr.NonZeros];
                    int maxD = 1;
                    for (int i = 0; i < nPre; i++)
                    {
                        var rng = new RandomStream(_delaySeed, (ulong)i);
                        for (int s = _rowPtr[i]; s < _rowPtr[i + 1]; s++)
                        {
                            int d = DelayToSteps(Delay!.Sample(ref rng), dt, i, _postIdx[s]);
                            _delays[s] = (ushort)d;
                            maxD = Math.Max(maxD, d);
                        }
                    }
                    _ringLength = maxD;
                }
                if (Storage == ConnectivityStorage.Dense)
                {
                    if ((long)nPre * nPost > Array.MaxLength)
                        throw new NotSupportedException($"{Model}: dense storage of {nPre} x {nPost} exceeds the largest array; use CSR.");
                    _dense = new float[nPre * nPost];
                    for (int i = 0; i < nPre; i++)
                        for (int s = _rowPtr[i]; s < _rowPtr[i + 1]; s++)
                            _dense[i * nPost + _postIdx[s]] += _weights is null ? _wConst : _weights[s];
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(Storage), Storage, $"{Model}: unknown storage.");
        }
        if (_weights is not null && SpikeTiming is not null)
        {
            _initialWeights = (float[])_weights.Clone();
            _view = new SynapseView(Structure!, _weights);
            SpikeTiming.Build(_view, clock);
        }

        _gating = Synapse is IPresynapticGating pg && pg.UsesPresynapticState ? pg : null;
        _gating?.Attach(new PresynapticWiring(Model, Structure, _weights, _wConst, _delays));
        LayOutRows(nPre, nPost);

        // delay lines and efficacies
        if (_perSynapseDelay && _gating is null) _dendriticRing = new float[_ringLength * nPost];
        else if (_delaySteps > 1)
        {
            _spikeRing = new int[_delaySteps][];
            _spikeRingCount = new int[_delaySteps];
            for (int k = 0; k < _delaySteps; k++) _spikeRing[k] = new int[nPre];
            if (ShortTerm is not null)
            {
                _effRing = new float[_delaySteps][];
                for (int k = 0; k < _delaySteps; k++) _effRing[k] = new float[nPre];
            }
        }
        if (ShortTerm is not null)
        {
            ShortTerm.Build(nPre, clock);
            _eff1 = new float[nPre];
        }
        var states = new List<StateVariable>(Synapse.States);
        _states = states.ToArray();

        // An exponential synapse with a plain output can be evaluated inside the target's kernel (decay factor computed
        // exactly as ExponentialSynapse does; deliveries then go straight into g, see DeliveryTarget).
        PrepareStepMethods();
        _fused = false;
        _fusible = _partitioned && Synapse is ExponentialSynapse ex && Output is ConductanceOutput or CurrentOutput
            ? new FusedInput(ex.Value, ex.Arrivals, (float)Math.Exp(-dt / ex.Tau), Output is ConductanceOutput,
                             Output is ConductanceOutput co ? (float)co.Reversal : 0f)
            : null;
    }

    /// <inheritdoc/>
    public override FusedInput? FusibleInput => _fusible;

    /// <summary>Compiles the per-step methods at build, so that the JIT's work does not land in the first steps of the first run.</summary>
    internal static void PrepareStepMethods()
    {
        if (s_prepared) return;
        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
        foreach (var name in new[] { nameof(ApplyOutput), nameof(CollectSpikes), nameof(Propagate), nameof(DeliverCsr), nameof(DeliverDense), nameof(DeliverProcedural), nameof(DeliverDelayed), nameof(DeliverPadded) })
            RuntimeHelpers.PrepareMethod(typeof(Projection).GetMethod(name, flags)!.MethodHandle);
        foreach (var index in new[] { typeof(ushort), typeof(int) })
            RuntimeHelpers.PrepareMethod(typeof(Projection).GetMethod(nameof(DeliverRows), flags)!.MakeGenericMethod(index).MethodHandle);
        s_prepared = true;
    }
    private static bool s_prepared;

    /// <inheritdoc/>
    public override bool IsFused
    {
        get => _fused;
        set
        {
            if (value && _fusible is null) throw new NotSupportedException($"{Model}: {Synapse.GetType().Name} with {Output} cannot be fused into its target's update.");
            _fused = value;
        }
    }

    private int DelayToSteps(double d, double dt, int pre, int post)
    {
        if (!(d >= dt * (1 - 1e-9)) || !double.IsFinite(d))
            throw new ArgumentOutOfRangeException("delay", d, $"{Model}: parameter delay: synapse {pre}->{post} drew {d} ms, shorter than the time step dt = {dt} ms (the minimal delay is one step).");
        double steps = Math.Round(d / dt);
        if (steps > ushort.MaxValue)
            throw new ArgumentOutOfRangeException("delay", d, $"{Model}: parameter delay: {d} ms is more than {ushort.MaxValue} steps.");
        return (int)steps;
    }

    /// <inheritdoc/>
    public override void Reset(ulong seed)
    {
        Synapse.Reset(seed);
        if (_dendriticRing is not null) Array.Clear(_dendriticRing);
        if (_spikeRingCount is not null) Array.Clear(_spikeRingCount);
        _dueCount = 0;
        ShortTerm?.Reset();
        if (_initialWeights is not null) _initialWeights.CopyTo(_weights!, 0);
        SpikeTiming?.Reset();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ApplyOutput(Clock clock, int worker)
    {
        if (_fused) return;
        if (_partitioned) Output.ApplyRange(Synapse.Value, _post, _range.Start(worker), _range.End(worker));
        else Output.Apply(Synapse.Value, _post);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void CollectSpikes(Clock clock)
    {
        var spikes = _pre.Spikes;
        int n = spikes.Count;
        if (!_perSynapseDelay && _delaySteps > 1)
        {
            int inSlot = (int)((clock.Step + _delaySteps - 1) % _delaySteps);
            Array.Copy(spikes.Indices, _spikeRing![inSlot], n);
            _spikeRingCount![inSlot] = n;
            if (ShortTerm is not null)
                ShortTerm.OnSpikes(spikes.Current, clock.T, _effRing![inSlot].AsSpan(0, n));
            int outSlot = (int)(clock.Step % _delaySteps);
            _due = _spikeRing[outSlot]; _dueCount = _spikeRingCount[outSlot];
            _dueEff = _effRing?[outSlot];
        }
        else
        {
            if (ShortTerm is not null) ShortTerm.OnSpikes(spikes.Current, clock.T, _eff1.AsSpan(0, n));
            _due = spikes.Indices; _dueCount = n; _dueEff = _eff1;
        }
        // With several workers this runs in the step's serial section, where a fetch only delays the others: each
        // worker's delivery prefetches its own row segments instead.
        if (_workers == 1) PrefetchFirstRows();
    }


    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Propagate(Clock clock, int worker)
    {
        if (InBundle) throw new InvalidOperationException($"{Model}: delivered by its source bundle (the network runs the bundle).");
        int a = _range.Start(worker), b = _range.End(worker);
        if (_gating is not null)
        {
            if (worker == 0) _gating.StepPresynaptic(clock, _due.AsSpan(0, _dueCount), _dueEff is null ? default : _dueEff.AsSpan(0, _dueCount));
            return;
        }
        if (_partitioned || worker == 0)
        {
            if (_dendriticRing is not null) DeliverDelayed(clock, worker, a, b);
            else if (_dense is not null) DeliverDense(a, b);
            else if (Storage == ConnectivityStorage.Procedural) DeliverProcedural(worker, a, b);
            else DeliverCsr(worker, a, b);
            if (_fused) return; // the target's kernel applies decay and arrivals at its next update
            if (_partitioned) Synapse.UpdateRange(clock, a, b);
            else Synapse.Update(clock);
        }
    }

    /// <summary>
    /// Where delivered weights go: the synapse's arrivals (its kinetics add them after the decay), or, when the target group
    /// evaluates the synapse inside its update (fused), straight into g: the group has already used g and stored it decayed,
    /// so g += w per synapse is Brian2's order and g is current at the end of every step.
    /// </summary>
    private float[] DeliveryTarget
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fused ? Synapse.Value : Synapse.Arrivals;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverDense(int a, int b)
    {
        var arr = DeliveryTarget;
        int nPost = _post.Size;
        for (int k = 0; k < _dueCount; k++)
        {
            int i = _due[k];
            float sc = _dueEff is null ? 1f : _dueEff[k];
            AddScaled(arr.AsSpan(a, b - a), _dense.AsSpan(i * nPost + a, b - a), sc);
        }
    }

    private static void AddScaled(Span<float> dst, ReadOnlySpan<float> src, float scale)
    {
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref float s = ref MemoryMarshal.GetReference(src);
        var sv = Vector256.Create(scale);
        int n = dst.Length, i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            (Vector256.LoadUnsafe(ref d, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i) * sv).StoreUnsafe(ref d, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i) * scale;
    }

    /// <summary>Regenerates row <paramref name="pre"/> into the worker's scratch: targets, and weights/delays when drawn. Returns the row length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Regenerate(int pre, int worker)
    {
        var idx = _scratchIdx![worker];
        int m = _proc!.Row(pre, _pre.Size, _post.Size, _connSeed, _same, idx);
        if (!_constWeight)
        {
            var w = _scratchW![worker];
            var rng = new RandomStream(_weightSeed, (ulong)pre);
            for (int k = 0; k < m; k++) w[k] = (float)Weight.Sample(ref rng);
        }
        if (_perSynapseDelay)
        {
            var d = _scratchD![worker];
            var rng = new RandomStream(_delaySeed, (ulong)pre);
            for (int k = 0; k < m; k++) d[k] = (int)Math.Round(Delay!.Sample(ref rng) / _dt);
        }
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverProcedural(int worker, int a, int b)
    {
        var arr = DeliveryTarget;
        var idx = _scratchIdx![worker];
        var wts = _scratchW![worker];
        for (int k = 0; k < _dueCount; k++)
        {
            int i = _due[k];
            float sc = _dueEff is null ? 1f : _dueEff[k];
            int m = Regenerate(i, worker);
            int s = LowerBound(idx, m, a);
            if (_constWeight)
            {
                float wv = _dueEff is null ? _wConst : _wConst * sc;
                for (; s < m && idx[s] < b; s++) arr[idx[s]] += wv;
            }
            else
                for (; s < m && idx[s] < b; s++) arr[idx[s]] += wts[s] * sc;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverDelayed(Clock clock, int worker, int a, int b)
    {
        int nPost = _post.Size, len = _ringLength;
        var ring = _dendriticRing!;
        long step = clock.Step;
        for (int k = 0; k < _dueCount; k++)
        {
            int i = _due[k];
            float sc = _dueEff is null ? 1f : _dueEff[k];
            if (Storage == ConnectivityStorage.Procedural)
            {
                int m = Regenerate(i, worker);
                var idx = _scratchIdx![worker]; var wts = _scratchW![worker]; var dl = _scratchD![worker];
                for (int s = LowerBound(idx, m, a); s < m && idx[s] < b; s++)
                {
                    int slot = (int)((step + dl[s] - 1) % len);
                    ring[slot * nPost + idx[s]] += (_constWeight ? _wConst : wts[s]) * sc;
                }
            }
            else
            {
                int s = _split is null ? _rowPtr![i] : _split[i * (_workers + 1) + worker];
                int e = _split is null ? _rowPtr![i + 1] : _split[i * (_workers + 1) + worker + 1];
                for (; s < e; s++)
                {
                    int slot = (int)((step + _delays![s] - 1) % len);
                    ring[slot * nPost + _postIdx![s]] += (_weights is null ? _wConst : _weights[s]) * sc;
                }
            }
        }
        int cur = (int)(step % len);
        var due = ring.AsSpan(cur * nPost + a, b - a);
        AddScaled(DeliveryTarget.AsSpan(a, b - a), due, 1f);
        due.Clear();
    }

    private static int LowerBound(int[] sorted, int count, int value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <inheritdoc/>
    public override void Learn(Clock clock)
    {
        if (SpikeTiming is null) return;
        SpikeTiming.Update(clock, _due.AsSpan(0, _dueCount), _post.Spikes.Current, _view!);
    }

    /// <inheritdoc/>
    public override void SaveState(StateSnapshot snapshot)
    {
        foreach (var s in Synapse.States) snapshot.Put(s.Values);
        snapshot.Put(Synapse.Arrivals);
        if (Synapse is ISnapshotParticipant sp) sp.SaveState(snapshot);
        if (_dendriticRing is not null) snapshot.Put(_dendriticRing);
        if (_spikeRing is not null)
        {
            snapshot.Put(_spikeRingCount);
            foreach (var r in _spikeRing) snapshot.Put(r);
            if (_effRing is not null) foreach (var r in _effRing) snapshot.Put(r);
        }
        ShortTerm?.SaveState(snapshot);
        if (_initialWeights is not null) snapshot.Put(_weights);
        SpikeTiming?.SaveState(snapshot);
    }

    /// <inheritdoc/>
    public override void RestoreState(StateSnapshot snapshot)
    {
        foreach (var s in Synapse.States) snapshot.Take(s.Values, $"{Name}.{s.Name}");
        snapshot.Take(Synapse.Arrivals, $"{Name}.Arrivals");
        if (Synapse is ISnapshotParticipant sp) sp.RestoreState(snapshot);
        if (_dendriticRing is not null) snapshot.Take(_dendriticRing, $"{Name}.delay ring");
        if (_spikeRing is not null)
        {
            snapshot.Take(_spikeRingCount, $"{Name}.delay ring counts");
            foreach (var r in _spikeRing) snapshot.Take(r, $"{Name}.delay ring");
            if (_effRing is not null) foreach (var r in _effRing) snapshot.Take(r, $"{Name}.efficacy ring");
        }
        ShortTerm?.RestoreState(snapshot);
        if (_initialWeights is not null) snapshot.Take(_weights, $"{Name}.weights");
        SpikeTiming?.RestoreState(snapshot);
        _dueCount = 0;
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"{Model}: {_pre.Name} ({_pre.Size}) -> {_post.Name} ({_post.Size}), {Connector}, weight {Weight}, delay {(Delay?.ToString() ?? "1 step")} ms, {Synapse.GetType().Name}, {Output}, {Storage}";
}
