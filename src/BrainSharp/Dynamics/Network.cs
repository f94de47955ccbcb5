using System.Runtime.CompilerServices;
using System.Diagnostics;
using BrainSharp.Projections;
using BrainSharp.Random;
using BrainSharp.Running;

namespace BrainSharp.Dynamics;

/// <summary>
/// A network: neuron groups, other dynamical systems (inputs), couplings (projections) and recorders (monitors),
/// advanced together with one clock. Every step runs the same fixed order:
/// <list type="number">
/// <item>inputs (other systems) update: they add their currents to the neuron groups' input accumulators;</item>
/// <item>every coupling adds its synaptic variable's effect (as it stands at the start of the step) to its target's accumulators;</item>
/// <item>neuron groups update with those accumulators held constant over the step, clear them, and emit spikes
/// (a spike carries the time of the step in which the threshold is crossed, as in Brian2);</item>
/// <item>couplings take the new spikes into their delay lines;</item>
/// <item>couplings deliver the spikes due now and advance their synaptic kinetics (decay, then add arrivals);</item>
/// <item>plasticity (couplings with learning);</item>
/// <item>recorders record the step's spikes and the states as they stand at the end of the step (time (n + 1) dt); the clock advances.</item>
/// </list>
/// With the default minimal delay, a spike of step n changes the synaptic variable at the end of step n and so acts
/// on the membrane from step n+1 on: Brian2's zero-delay behaviour.
/// With <see cref="Threads"/> &gt; 1, every group is split into aligned shares, one per worker; a worker updates its share of
/// every group and the matching target share of every coupling, with a barrier between phases and no locks. A worker
/// that finishes early also updates unclaimed chunks of the others' shares (<see cref="GroupChunks"/>) and, when every
/// coupling is fused into its target, runs unclaimed deliveries into them (<see cref="DeliverUnits"/>). Spikes are
/// merged in chunk order, so spike lists and every floating-point sum are identical for any thread count.
/// </summary>
public sealed class Network : IDisposable
{
    private readonly List<NeuronGroup> _groups = new();
    private readonly List<DynamicalSystem> _systems = new();
    private readonly List<Coupling> _couplings = new();
    private readonly List<IRecorder> _recorders = new();

    private Partition[] _partitions = Array.Empty<Partition>();
    private GroupChunks[] _chunks = Array.Empty<GroupChunks>(); // per group: the workers' shares in chunks (threads > 1)
    private bool _sharing; // whether some group's chunks may be claimed by any worker
    private long[] _helped = Array.Empty<long>();    // per worker (padded): chunks of other workers' shares it has updated
    private long _helpPatience;                       // how long a helper waits for another worker's delivery (ticks)
    private bool _shareDelivery; // whether any worker may deliver into any share, not only its own (see DeliverUnits)
    private int[] _unitClaims = Array.Empty<int>(); // per share (padded): delivery units claimed this step
    private int[] _unitsDone = Array.Empty<int>();  // per share (padded): delivery units finished this step (a share is delivered when all are)
    private long[] _stolen = Array.Empty<long>();   // per worker (padded): delivery units it ran for other shares
    private Coupling[] _partitioned = Array.Empty<Coupling>();
    private DeliveryUnit[] _units = Array.Empty<DeliveryUnit>(); // threaded delivery: the partitioned couplings, same-source ones bundled
    private Coupling[] _serial = Array.Empty<Coupling>();
    private Coupling[] _learning = Array.Empty<Coupling>();
    private DynamicalSystem[] _stepSystems = Array.Empty<DynamicalSystem>(); // the step loop's view of _systems (empty while rehearsing)
    private IRecorder[] _stepRecorders = Array.Empty<IRecorder>();           // the step loop's view of _recorders (empty while rehearsing)
    private Coupling[][] _byTarget = Array.Empty<Coupling[]>();     // partitioned couplings per target group
    private Clock[] _workerClocks = Array.Empty<Clock>();
    private bool _needsSerialPre;
    private bool _endBarrier;
    private IRecorder[] _spikeRecorders = Array.Empty<IRecorder>(); // recorded right after the spike merge (threads > 1, no end barrier)
    private int[] _spikeRecorderWorker = Array.Empty<int>();          // the worker that records each of them
    private NeuronGroup[] _fusedGroups = Array.Empty<NeuronGroup>();
    private WorkerTeam? _team;
    private bool _checkPlacement;  // whether workers measure where their vCPUs sit (HelpPolicy.Auto, threads <= cores)
    private volatile bool _helpNow = true; // whether workers take over others' chunks and delivery units at present
    private long _placementAttempts, _placementsMeasured, _farPlacements;

    /// <summary>Creates an empty network. <paramref name="seed"/> drives every random choice (connectivity, weights, initial states); <paramref name="threads"/> worker threads step it.</summary>
    public Network(ulong seed = 0, int threads = 1)
    {
        if (threads < 1 || threads > 256)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "Network: threads must be between 1 and 256.");
        Seed = seed; Threads = threads;
    }

    /// <summary>Master seed; each component derives its own seed from it and its position.</summary>
    public ulong Seed { get; }

    /// <summary>Number of worker threads (1 = run on the caller's thread).</summary>
    public int Threads { get; }

    /// <summary>
    /// Whether neuron groups may evaluate their exponential synapses inside their own update kernel (default true; spikes are
    /// then delivered straight into g, and results agree with the separate passes to rounding, see <see cref="FusedInput"/>;
    /// either way they are identical for every thread count). False keeps separate output, neuron and kinetics passes.
    /// </summary>
    public bool FuseSynapses
    {
        get => _fuse;
        set
        {
            if (IsBuilt) throw new InvalidOperationException("Network: FuseSynapses must be set before the network is built.");
            _fuse = value;
        }
    }
    private bool _fuse = true;

    /// <summary>
    /// Whether threaded delivery may bundle projections from one source group (<see cref="SourceBundle"/>; default true;
    /// results are the same either way). The environment variable BRAINSHARP_BUNDLES=0 sets the default to false, for
    /// A/B probes.
    /// </summary>
    internal bool BundleSources
    {
        get => _bundle;
        set
        {
            if (IsBuilt) throw new InvalidOperationException("Network: BundleSources must be set before the network is built.");
            _bundle = value;
        }
    }
    private bool _bundle = Environment.GetEnvironmentVariable("BRAINSHARP_BUNDLES") != "0";

    /// <summary>
    /// When a worker that is done may take over another worker's neuron chunks and delivery units (default
    /// <see cref="Dynamics.HelpPolicy.Auto"/>). The environment variable BRAINSHARP_HELP=always|never|auto sets the
    /// default, for A/B probes. Results are the same under every policy; only the time differs.
    /// </summary>
    internal HelpPolicy Help
    {
        get => _helpPolicy;
        set
        {
            if (IsBuilt) throw new InvalidOperationException("Network: Help must be set before the network is built.");
            _helpPolicy = value;
        }
    }
    private HelpPolicy _helpPolicy = Environment.GetEnvironmentVariable("BRAINSHARP_HELP") switch
    {
        "always" => HelpPolicy.Always,
        "never" => HelpPolicy.Never,
        _ => HelpPolicy.Auto,
    };

    /// <summary>
    /// A line round trip between two workers above this (ns) means their vCPUs sit on different sockets, where taking over
    /// another worker's chunks costs more than it saves. Measured on the 2-vCPU benchmark VM (bench/cmodel/line_pingpong.c):
    /// 35-45 ns within a core complex, 75-140 ns across complexes, 400-530 ns across sockets (design-perf12.md).
    /// </summary>
    internal const double FarRoundTripNs = 250;

    /// <summary>Steps between two placement measurements (HelpPolicy.Auto).</summary>
    internal const int PlacementInterval = 1024;

    /// <summary>
    /// Placement measurements attempted since the build, those that got an answer from every worker, and how many of those
    /// found the workers far apart (diagnostics).
    /// </summary>
    internal (long Attempts, long Measured, long Far) PlacementCounts =>
        (Volatile.Read(ref _placementAttempts), Volatile.Read(ref _placementsMeasured), Volatile.Read(ref _farPlacements));

    /// <summary>Number of threaded delivery units per share (a diagnostic: bundles count once).</summary>
    internal int DeliveryUnitCount => _units.Length;

    /// <summary>
    /// The threaded delivery units: each partitioned coupling on its own, except that projections from one source that
    /// can be bundled (<see cref="Projection.CanJoinBundle"/>, same delay) become one <see cref="SourceBundle"/>, placed
    /// where its first member was. The order of units does not matter: every unit writes its own conductance arrays.
    /// </summary>
    private DeliveryUnit[] BuildDeliveryUnits(int threads)
    {
        var units = new List<DeliveryUnit>();
        var placed = new HashSet<Coupling>(ReferenceEqualityComparer.Instance);
        foreach (var c in _partitioned)
        {
            if (placed.Contains(c)) continue;
            if (threads > 1 && _bundle && c is Projection p && p.CanJoinBundle)
            {
                var members = _partitioned.OfType<Projection>()
                    .Where(q => q.Source == p.Source && q.CanJoinBundle && q.DelaySteps == p.DelaySteps && !placed.Contains(q)).ToArray();
                if (members.Length > 1 && SourceBundle.TryBuild(members, threads) is { } bundle)
                {
                    foreach (var q in members) { q.JoinBundle(); placed.Add(q); }
                    units.Add(bundle);
                    continue;
                }
            }
            units.Add(new CouplingUnit(c));
            placed.Add(c);
        }
        return units.ToArray();
    }

    /// <summary>The clock, once built.</summary>
    public Clock? Clock { get; private set; }

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt => Clock is not null;

    /// <summary>Neuron groups, in the order added.</summary>
    public IReadOnlyList<NeuronGroup> Groups => _groups;

    /// <summary>Other dynamical systems (inputs), in the order added.</summary>
    public IReadOnlyList<DynamicalSystem> Systems => _systems;

    /// <summary>Couplings (projections), in the order added.</summary>
    public IReadOnlyList<Coupling> Couplings => _couplings;

    /// <summary>Recorders (monitors), in the order added.</summary>
    public IReadOnlyList<IRecorder> Recorders => _recorders;

    /// <summary>Adds a neuron group, coupling, recorder or other dynamical system (an input) and returns it.</summary>
    public T Add<T>(T part) where T : class
    {
        ArgumentNullException.ThrowIfNull(part);
        if (IsBuilt) throw new InvalidOperationException("Network: cannot add parts after the network has been built.");
        bool known = false;
        switch (part)
        {
            case NeuronGroup g: _groups.Add(g); known = true; break;
            case Coupling c: _couplings.Add(c); known = true; break;
            case DynamicalSystem s: _systems.Add(s); known = true; break;
        }
        if (part is IRecorder r) { _recorders.Add(r); known = true; }
        if (!known)
            throw new ArgumentException($"Network: cannot add a {part.GetType().Name}; expected a NeuronGroup, Coupling (Projection), IRecorder (monitor) or DynamicalSystem.", nameof(part));
        return part;
    }

    /// <summary>Finds a neuron group by name.</summary>
    public NeuronGroup Group(string name)
    {
        foreach (var g in _groups) if (g.Name == name) return g;
        throw new KeyNotFoundException($"Network: no neuron group '{name}' (has: {string.Join(", ", _groups.Select(g => g.Name))}).");
    }

    /// <summary>Total number of neurons.</summary>
    public int NeuronCount { get { int n = 0; foreach (var g in _groups) n += g.Size; return n; } }

    /// <summary>Validates every part against the time step, builds connectivity, splits work among threads and resets the state. Called once (Simulator calls it).</summary>
    public void Build(Clock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (IsBuilt) throw new InvalidOperationException("Network: already built.");
        foreach (var g in _groups)
            if (g.Batch != 1)
                throw new ArgumentException($"Network: group '{g.Name}' has batch {g.Batch}; simulation networks use batch 1 (batched training runs elsewhere).");
        int t = Threads;
        _partitions = new Partition[_groups.Count];
        for (int gi = 0; gi < _groups.Count; gi++)
        {
            var g = _groups[gi];
            g.Prepare(clock);
            _partitions[gi] = g.CanUpdateRange ? Partition.Split(g.Size, t) : Partition.Single(g.Size, t);
        }
        for (int ci = 0; ci < _couplings.Count; ci++)
        {
            var c = _couplings[ci];
            int src = _groups.IndexOf(c.Source), dst = _groups.IndexOf(c.Target);
            if (src < 0) throw new InvalidOperationException($"Network: {c.Name}: source group '{c.Source.Name}' was not added to the network.");
            if (dst < 0) throw new InvalidOperationException($"Network: {c.Name}: target group '{c.Target.Name}' was not added to the network.");
            c.Build(clock, Philox.Hash64(Seed, 2, (ulong)ci), _partitions[dst]);
        }
        _partitioned = _couplings.Where(c => c.IsPartitioned).ToArray();
        _serial = _couplings.Where(c => !c.IsPartitioned).ToArray();
        _learning = _couplings.Where(c => c.HasLearning).ToArray();
        _byTarget = _groups.Select(g => _partitioned.Where(c => c.Target == g).ToArray()).ToArray();
        _needsSerialPre = _systems.Count > 0 || _serial.Length > 0 || _groups.Any(g => !g.CanUpdateRange);
        // The serial pre-phase (inputs writing accumulators or a partitioned synapse's arrivals, serial couplings, whole-group
        // updates), plasticity and recorders that read states need every worker to have finished the step's delivery and
        // kinetics. Recorders that read only the spike lists are served right after the spike merge instead, so a network
        // with nothing else needs one barrier per step.
        bool spikeOnly = _recorders.All(r => r is SpikeMonitor or RateMonitor);
        _endBarrier = _needsSerialPre || _learning.Length > 0 || !spikeOnly;
        _spikeRecorders = _endBarrier ? Array.Empty<IRecorder>() : _recorders.ToArray();
        // Spike recorders read only the merged spike lists, which stay unchanged until the next merge, so they are served
        // after the serial section, spread over the workers from the last one down (worker 0 has just done the merge),
        // in parallel with delivery. A monitor that calls user code (a sink or a stream) stays on worker 0, the caller's
        // thread, as on one thread.
        _spikeRecorderWorker = new int[_spikeRecorders.Length];
        for (int k = 0, j = 0; k < _spikeRecorders.Length; k++)
            _spikeRecorderWorker[k] = _spikeRecorders[k] is SpikeMonitor { Sink: null, IsStreaming: false } or RateMonitor
                ? t - 1 - (j++ % t) : 0;
        _stepSystems = _systems.ToArray();
        _stepRecorders = _recorders.ToArray();
        FuseInputs();
        // A group's chunks may go to any worker when its update reads nothing per worker range but what the couplings
        // deliver into it (all of them fused into its kernel): a chunk of another worker's share is then ready as soon as
        // that worker has delivered the previous step (see GroupChunks).
        _chunks = new GroupChunks[_groups.Count];
        for (int gi = 0; gi < _groups.Count; gi++)
            _chunks[gi] = new GroupChunks(_partitions[gi], _groups[gi].CanUpdateRange && _byTarget[gi].All(c => c.IsFused));
        _sharing = _chunks.Any(c => c.Shared);
        _helped = new long[t * 16];
        // Delivery is shared too when every coupling is fused into its target (the groups' chunks are then shared) and
        // each writes its own conductance array: the delivery of coupling p into worker v's share is then a unit any
        // worker may run, writing only p's array within v's share.
        _shareDelivery = _sharing && _serial.Length == 0 && _partitioned.Length > 0 && _partitioned.All(c => c.IsFused)
            && _partitioned.Select(c => c.FusibleInput!.G).Distinct(ReferenceEqualityComparer.Instance).Count() == _partitioned.Length;
        _unitClaims = new int[t * 16];
        _unitsDone = new int[t * 16];
        _units = BuildDeliveryUnits(t);
        _stolen = new long[t * 16];
        // With more workers than cores, the worker waited for may be the one a helper's spin keeps off a core: then
        // help only where the delivery is already done.
        _helpPatience = t <= Environment.ProcessorCount ? HelpWait : 0;
        // Measuring placement needs every worker on a core at once; with more workers than cores help is what keeps the
        // step going, so it stays on.
        _checkPlacement = _sharing && _helpPolicy == HelpPolicy.Auto && t <= Environment.ProcessorCount;
        _helpNow = _helpPolicy != HelpPolicy.Never;
        var owned = new HashSet<DynamicalSystem>(_couplings.SelectMany(c => c is IOwnsSystems o ? o.OwnedSystems : Array.Empty<DynamicalSystem>()));
        foreach (var s in _systems)
            if (owned.Contains(s))
                throw new InvalidOperationException($"Network: '{s.Name}' belongs to a projection, which updates it; do not add it to the network separately.");
        foreach (var r in _recorders) r.Attach(clock);
        _workerClocks = new Clock[t];
        _workerClocks[0] = clock;
        for (int w = 1; w < t; w++) _workerClocks[w] = new Clock(clock.Dt);
        Clock = clock;
        Reset();
        // The step loop is compiled here rather than inside the first steps of the first run.
        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance;
        foreach (var name in new[] { nameof(Advance), nameof(StepSingle), nameof(WorkerLoop), nameof(SerialPre) })
            RuntimeHelpers.PrepareMethod(typeof(Network).GetMethod(name, flags)!.MethodHandle);
        // So are the recorders' Record methods, which the rehearsal leaves out: compiled on first call, inside the first
        // step, a spike monitor's cost the CLI's CUBA-4000 run 15 % (0.043 -> 0.037 s, design-perf9.md).
        foreach (var r in _recorders) PrepareRecord(r.GetType());
        Rehearse();
    }

    /// <summary>Compiles the <see cref="IRecorder.Record"/> implementation of a recorder's runtime type.</summary>
    private static void PrepareRecord(Type recorder)
    {
        var map = recorder.GetInterfaceMap(typeof(IRecorder));
        for (int i = 0; i < map.InterfaceMethods.Length; i++)
            if (map.InterfaceMethods[i].Name == nameof(IRecorder.Record) && !map.TargetMethods[i].IsAbstract)
                RuntimeHelpers.PrepareMethod(map.TargetMethods[i].MethodHandle);
    }

    /// <summary>
    /// Runs one step of the network's own parts (neuron updates, synaptic outputs, spike intake, delivery, kinetics) and
    /// then resets, so that the runtime's one-time work on first calls (method entry fixups, type and stub resolution: 10-20
    /// ms for a COBA network, measured in benchmarks.md) is paid by the build, like the JIT, rather than by the first steps
    /// of the first run. Inputs, plasticity and recorders are left out: nothing outside the network's own state is touched
    /// (a user's input system or a monitor's sink sees no extra step), and <see cref="Reset"/> restores every state the
    /// rehearsal changed, so the run that follows is exactly the run without it.
    /// </summary>
    private void Rehearse()
    {
        var (systems, recorders, spikeRecorders, learning) = (_stepSystems, _stepRecorders, _spikeRecorders, _learning);
        _stepSystems = Array.Empty<DynamicalSystem>(); _stepRecorders = Array.Empty<IRecorder>();
        _spikeRecorders = Array.Empty<IRecorder>(); _learning = Array.Empty<Coupling>();
        try { Advance(1); }
        finally
        {
            (_stepSystems, _stepRecorders, _spikeRecorders, _learning) = (systems, recorders, spikeRecorders, learning);
            Reset();
        }
    }

    /// <summary>Returns every state to its initial value (seeded) and the clock to step 0. Recorders keep what they hold.</summary>
    public void Reset()
    {
        var clock = RequireBuilt();
        clock.Step = 0;
        for (int i = 0; i < _groups.Count; i++)
        {
            var g = _groups[i];
            g.Reset(Philox.Hash64(Seed, 1, (ulong)i));
            Array.Clear(g.InputCurrent); Array.Clear(g.InputConductance); g.Spikes.Clear();
        }
        for (int i = 0; i < _systems.Count; i++) _systems[i].Reset(Philox.Hash64(Seed, 3, (ulong)i));
        for (int i = 0; i < _couplings.Count; i++) _couplings[i].Reset(Philox.Hash64(Seed, 4, (ulong)i));
        foreach (var g in _fusedGroups) g.SettleFusedInputs(0, fold: false);
    }

    /// <summary>
    /// Lets groups evaluate their couplings' synaptic inputs inside their own update (one pass instead of output, neuron and
    /// kinetics passes). Only where nothing else can observe or write the synaptic state in the middle of a run: no inputs
    /// (an input may write a synapse's arrivals before the neuron update, which the fused kernel does not read during a
    /// run), and no recorder that could read the synaptic variable (spike and rate monitors, or state monitors of other
    /// variables). All partitioned couplings onto the group must be fusable, so the inputs are summed in coupling order.
    /// </summary>
    private void FuseInputs()
    {
        var fused = new List<NeuronGroup>();
        if (FuseSynapses && _systems.Count == 0)
            for (int gi = 0; gi < _groups.Count; gi++)
            {
                var g = _groups[gi];
                var cs = _byTarget[gi];
                if (!g.CanUpdateRange || cs.Length == 0) continue;
                var inputs = new List<FusedInput>();
                foreach (var c in cs)
                    if (c.FusibleInput is { } f && !Observed(f.G) && !Observed(f.Arrivals)) inputs.Add(f);
                bool exclusive = !_serial.Any(c => c.Target == g);
                if (inputs.Count != cs.Length || !g.FuseInputs(inputs, exclusive)) continue;
                foreach (var c in cs) c.IsFused = true;
                fused.Add(g);
            }
        _fusedGroups = fused.ToArray();
    }

    private bool Observed(float[] values)
    {
        foreach (var r in _recorders)
        {
            if (r is SpikeMonitor or RateMonitor) continue;
            if (r is StateMonitor sm && !ReferenceEquals(sm.Variable.Values, values)) continue;
            return true;
        }
        return false;
    }

    /// <summary>Advances one step.</summary>
    public void Step() => Advance(1);

    /// <summary>Advances <paramref name="steps"/> steps, on <see cref="Threads"/> threads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(long steps)
    {
        var clock = RequireBuilt();
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Network.Advance: steps must be non-negative.");
        if (steps == 0) return;
        if (Threads == 1)
        {
            for (long s = 0; s < steps; s++) StepSingle(clock);
        }
        else
        {
            for (int w = 1; w < Threads; w++) _workerClocks[w].Step = clock.Step;
            for (int w = 0; w < Threads; w++) _unitsDone[w * 16] = _units.Length; // the previous step is delivered
            // A run that failed mid-step (a user's group or a spike sink threw) may leave chunks claimed.
            foreach (var ch in _chunks) ch.ResetClaims();
            _team ??= new WorkerTeam(Threads, WorkerLoop);
            try { _team.Run(steps); }
            catch { _team = null; throw; }
        }
        // Tells fused groups where the next run starts: its first step also consumes what is written between runs
        // (accumulators, arrivals), as the unfused order would.
        foreach (var g in _fusedGroups) g.SettleFusedInputs(clock.Step, fold: true);
    }

    /// <summary>Worker 0's serial work before a step's neuron updates: inputs, serial couplings' outputs, whole-group updates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SerialPre(Clock clock)
    {
        foreach (var sys in _stepSystems) sys.Update(clock);
        foreach (var c in _serial) c.ApplyOutput(clock, 0);
        for (int gi = 0; gi < _groups.Count; gi++)
        {
            if (_groups[gi].CanUpdateRange) continue;
            foreach (var c in _byTarget[gi]) c.ApplyOutput(clock, 0);
            _groups[gi].Update(clock);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepSingle(Clock clock)
    {
        foreach (var s in _stepSystems) s.Update(clock);
        foreach (var c in _serial) c.ApplyOutput(clock, 0);
        for (int gi = 0; gi < _groups.Count; gi++)
        {
            var g = _groups[gi];
            foreach (var c in _byTarget[gi]) c.ApplyOutput(clock, 0);
            if (g.CanUpdateRange) g.Spikes.Count = g.UpdateRange(clock, 0, g.Size, g.Spikes.Indices);
            else g.Update(clock);
        }
        foreach (var c in _couplings) c.CollectSpikes(clock);
        foreach (var c in _couplings) c.Propagate(clock, 0);
        foreach (var c in _learning) c.Learn(clock);
        foreach (var r in _stepRecorders) r.Record(clock);
        clock.Step++;
    }

    // Per step: [neuron updates by range] join (worker 0: merge spike lists, delay-line intake, spike-only recorders) release
    // [delivery and kinetics by range] and, only if needed, join (worker 0: plasticity, recorders, next step's serial
    // pre-phase) release. Serial work runs on worker 0 while the others wait, so it needs no barrier of its own; without
    // the end join a worker may start the next step's neuron update while another still delivers, which is safe because
    // each writes only its own post range and the spike lists are rewritten only in the next merge, when all have arrived.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WorkerLoop(int w, long steps, WorkerTeam team)
    {
        var clock = _workerClocks[w];
        if (_needsSerialPre)
        {
            team.Join(w);
            if (w == 0) { SerialPre(clock); team.Release(); }
        }
        for (long s = 0; s < steps; s++)
        {
            if (_shareDelivery) AwaitOwnDelivery(w, team); // (without shared delivery the worker ran its own units)
            for (int gi = 0; gi < _groups.Count; gi++)
            {
                var g = _groups[gi];
                if (!g.CanUpdateRange) continue;
                foreach (var c in _byTarget[gi]) c.ApplyOutput(clock, w);
                UpdateChunks(clock, gi, w);
            }
            if (_sharing) HelpOthers(clock, w);
            team.Join(w);
            if (w == 0)
            {
                for (int gi = 0; gi < _groups.Count; gi++)
                {
                    var g = _groups[gi];
                    if (!g.CanUpdateRange) continue;
                    int n = 0;
                    var dst = g.Spikes.Indices;
                    var ch = _chunks[gi];
                    for (int k = 0; k < ch.Count; k++)
                    {
                        int m = ch.SpikeCount(k);
                        Array.Copy(ch.Spikes[k], 0, dst, n, m);
                        n += m;
                    }
                    g.Spikes.Count = n;
                    ch.ResetClaims();
                }
                for (int v = 0; v < Threads; v++) { _unitClaims[v * 16] = 0; _unitsDone[v * 16] = 0; }
                foreach (var c in _couplings) c.CollectSpikes(clock);
                team.Release();
            }
            if (_checkPlacement && clock.Step % PlacementInterval == 0) CheckPlacement(clock, w, team);
            for (int k = 0; k < _spikeRecorders.Length; k++)
                if (_spikeRecorderWorker[k] == w) _spikeRecorders[k].Record(clock);
            BeforeDelivery?.Invoke(w);
            DeliverUnits(clock, w);
            if (w == 0) foreach (var c in _serial) c.Propagate(clock, 0);
            if (_endBarrier)
            {
                team.Join(w);
                if (w == 0)
                {
                    foreach (var c in _learning) c.Learn(clock);
                    foreach (var r in _stepRecorders) r.Record(clock);
                    clock.Step++;
                    for (int k = 1; k < Threads; k++) _workerClocks[k].Step = clock.Step;
                    if (s + 1 < steps) SerialPre(clock);
                    team.Release();
                }
            }
            else clock.Step++;
        }
    }

    /// <summary>
    /// Measures how far apart the workers' vCPUs are (all workers call it at the same step, just after the join's release)
    /// and lets workers help one another only where lines move cheaply between them. Why: on the benchmark VM the host
    /// moves the two vCPUs between core complexes and sockets every few seconds. Across sockets a line's round trip takes
    /// ~5x longer, and a chunk taken over (its state, ~100 KB at 64000 neurons) moves to the helper's cache and back: in
    /// in-process A/Bs of COBA-64000 on 2 threads, always helping ran 12 % slower than this policy in that placement, while
    /// on one socket help is worth 4-10 % (design-perf12.md). With more than two workers the verdict goes by the mean round
    /// trip over all of worker 0's partners: one policy for the whole team, since any worker may help any other.
    /// </summary>
    private void CheckPlacement(Clock clock, int w, WorkerTeam team)
    {
        double ns = team.MeasureRoundTrip(w, (int)(clock.Step / PlacementInterval));
        if (w != 0) return;
        _placementAttempts++;
        if (double.IsNaN(ns)) return;
        bool far = ns > FarRoundTripNs;
        _placementsMeasured++;
        if (far) _farPlacements++;
        _helpNow = !far;
    }

    /// <summary>Updates the chunks of worker <paramref name="owner"/>'s share of group <paramref name="gi"/> that no one has claimed yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int UpdateChunks(Clock clock, int gi, int owner)
    {
        var g = _groups[gi];
        var ch = _chunks[gi];
        int n = 0;
        for (; ch.TryClaim(owner, out int k); n++)
            ch.SetSpikeCount(k, g.UpdateRange(clock, ch.Starts[k], ch.Starts[k + 1], ch.Spikes[k]));
        return n;
    }

    /// <summary>Called by each worker just before it delivers a step (threads &gt; 1): lets tests delay one worker's delivery.</summary>
    internal Action<int>? BeforeDelivery;

    /// <summary>Called with (worker, share) before a worker runs a delivery unit it has claimed (shared delivery): lets tests slow a unit down.</summary>
    internal Action<int, int>? BeforeUnit;

    /// <summary>How many chunks workers have updated for other workers since the build (a diagnostic; 0 on one thread).</summary>
    internal long HelpedChunks => SumOverWorkers(_helped);

    /// <summary>
    /// After its own share, worker <paramref name="w"/> takes what is left of the other workers' shared chunks, each
    /// worker's only once that worker has delivered the previous step into its targets (the chunks' inputs). It waits
    /// for that at most <see cref="HelpWait"/> (not at all with more workers than cores): a worker that lags by more is not
    /// running, and the join waits for it anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HelpOthers(Clock clock, int w)
    {
        if (!_helpNow) return;
        for (int d = 1; d < Threads; d++)
        {
            int v = (w + d) % Threads;
            bool ready = false;
            for (int gi = 0; gi < _groups.Count; gi++)
            {
                var ch = _chunks[gi];
                if (!ch.Shared || !ch.HasUnclaimed(v)) continue;
                if (!ready && !(ready = WaitDelivered(v))) break;
                _helped[w * 16] += UpdateChunks(clock, gi, v);
            }
        }
    }

    private static readonly long HelpWait = Stopwatch.Frequency / 50000; // 20 us

    /// <summary>
    /// Worker <paramref name="w"/>'s delivery: the units of its own share (one per partitioned coupling, in coupling order),
    /// then, with shared delivery, whatever units of the other shares no one has claimed yet. A worker that fell behind
    /// (descheduled, or slow in its neuron update) thus leaves its delivery to the others instead of holding up the next
    /// step. Each unit writes one coupling's conductances within one share and sums in the same order whoever runs it, so
    /// results are those of one thread. A share counts as delivered once all its units are done (<see cref="Delivered"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverUnits(Clock clock, int w)
    {
        int units = _units.Length, shares = _shareDelivery && _helpNow ? Threads : 1;
        for (int d = 0; d < shares; d++)
        {
            int v = (w + d) % Threads;
            for (int k; (k = Interlocked.Increment(ref _unitClaims[v * 16]) - 1) < units;)
            {
                BeforeUnit?.Invoke(w, v);
                _units[k].Deliver(clock, v);
                Interlocked.Increment(ref _unitsDone[v * 16]);
                if (d > 0) _stolen[w * 16]++;
            }
        }
    }

    /// <summary>Waits until every delivery unit of worker <paramref name="w"/>'s share is done (another worker may be running one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AwaitOwnDelivery(int w, WorkerTeam team)
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _unitsDone[w * 16]) < _units.Length)
        {
            // A worker that failed inside one of this share's units never finishes it.
            if (team.Failed) throw new OperationCanceledException("Another worker failed.");
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Whether worker <paramref name="v"/>'s share has received the previous step's deliveries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Delivered(int v) => Volatile.Read(ref _unitsDone[v * 16]) >= _units.Length;

    /// <summary>How many delivery units workers have run for other workers' shares since the build (a diagnostic).</summary>
    internal long StolenUnits => SumOverWorkers(_stolen);

    /// <summary>Sum of a per-worker counter array padded to one cache line per worker.</summary>
    private long SumOverWorkers(long[] padded)
    {
        long n = 0;
        for (int w = 0; w < Threads; w++) n += Volatile.Read(ref padded[w * 16]);
        return n;
    }

    /// <summary>Spins until worker <paramref name="v"/>'s share has been delivered the previous step; false after <see cref="HelpWait"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WaitDelivered(int v)
    {
        if (Delivered(v)) return true;
        long start = Stopwatch.GetTimestamp();
        while (!Delivered(v))
        {
            if (Stopwatch.GetTimestamp() - start > _helpPatience) return false;
            Thread.SpinWait(1);
        }
        return true;
    }

    /// <summary>Copies the complete dynamic state (clock, all state variables, delay lines, plastic weights, stream positions).</summary>
    public StateSnapshot Snapshot()
    {
        var clock = RequireBuilt();
        var snap = new StateSnapshot { Step = clock.Step, Dt = clock.Dt };
        foreach (var g in _groups)
        {
            foreach (var v in g.States) snap.Put(v.Values);
            snap.Put(g.InputCurrent); snap.Put(g.InputConductance);
            if (g is ISnapshotParticipant p) p.SaveState(snap);
        }
        foreach (var s in _systems)
        {
            foreach (var v in s.States) snap.Put(v.Values);
            if (s is ISnapshotParticipant p) p.SaveState(snap);
        }
        foreach (var c in _couplings) c.SaveState(snap);
        return snap;
    }

    /// <summary>Restores a state taken by <see cref="Snapshot"/> from this network or one built identically; the run then continues exactly.</summary>
    public void Restore(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var clock = RequireBuilt();
        if (snapshot.Dt != clock.Dt)
            throw new ArgumentException($"Network.Restore: snapshot was taken with dt = {snapshot.Dt} ms, this network runs with dt = {clock.Dt} ms.", nameof(snapshot));
        snapshot.BeginRead();
        foreach (var g in _groups)
        {
            foreach (var v in g.States) snapshot.Take(v.Values, $"{g.Name}.{v.Name}");
            snapshot.Take(g.InputCurrent, $"{g.Name}.InputCurrent");
            snapshot.Take(g.InputConductance, $"{g.Name}.InputConductance");
            if (g is ISnapshotParticipant p) p.RestoreState(snapshot);
            g.Spikes.Clear();
        }
        foreach (var s in _systems)
        {
            foreach (var v in s.States) snapshot.Take(v.Values, $"{s.Name}.{v.Name}");
            if (s is ISnapshotParticipant p) p.RestoreState(snapshot);
        }
        foreach (var c in _couplings) c.RestoreState(snapshot);
        snapshot.EndRead();
        clock.Step = snapshot.Step;
        foreach (var g in _fusedGroups) g.SettleFusedInputs(clock.Step, fold: false);
    }

    /// <summary>Stops the worker threads (if any).</summary>
    public void Dispose()
    {
        _team?.Dispose();
        _team = null;
    }

    private Clock RequireBuilt() => Clock ?? throw new InvalidOperationException("Network: not built yet; call Build(clock) or run it through a Simulator.");
}

/// <summary>When threaded workers take over one another's work (<see cref="Network.Help"/>).</summary>
internal enum HelpPolicy
{
    /// <summary>Help unless the workers' vCPUs are found on different sockets (measured every <see cref="Network.PlacementInterval"/> steps).</summary>
    Auto,
    /// <summary>Always help (the tests that slow one worker down on purpose).</summary>
    Always,
    /// <summary>Never help: each worker updates and delivers only its own share.</summary>
    Never,
}
