using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>
/// Leaky integrate-and-fire neuron with absolute refractory period.
/// <code>
/// C_m dv/dt = g_L (E_L - v) + I_ext + I_syn,   I_syn = InputCurrent - InputConductance * v
/// if v &gt; V_th (and not refractory): spike, v = V_reset, v held at V_reset for t_ref
/// </code>
/// Parameters (<see cref="LifParams"/>): C_m 200 pF, g_L 10 nS, E_L -60 mV, V_th -50 mV, V_reset -60 mV, t_ref 5 ms, I_ext 0 pA.
/// With G = g_L + g_in and I = g_L E_L + I_ext + I_in held constant over the step, every method has the form
/// v(t + dt) = v + h(G) (I - G v):
/// <list type="bullet">
/// <item><see cref="OdeMethod.ExponentialEuler"/> (default): h = (1 - exp(-dt G / C_m)) / G, the exact solution of the linear
/// membrane equation over the step (Brian2's <c>exponential_euler</c> for COBA-type cells). Written as
/// h = (dt / C_m) phi1(x), phi1(x) = (e^x - 1) / x, x = -dt G / C_m, and for |x| &lt; 0.35 phi1 is its degree-6 Taylor
/// polynomial (truncation below x^7/8! = 2e-8 relative), evaluated by Estrin's scheme: no division, no exp, short latency;
/// larger |x| take the exact formula.</item>
/// <item><see cref="OdeMethod.Euler"/>: h = dt / C_m, forward Euler (what Brian2 chooses for the COBA equations).</item>
/// </list>
/// Spike timing follows Brian2: the threshold is tested on the updated v, and the spike carries the time of the step
/// (its start), so under constant drive the interspike interval is ceil(T/dt) dt. A neuron that spikes at step n stays
/// refractory while (m - n) &lt; round(t_ref / dt), i.e. it integrates again from step n + round(t_ref/dt) on.
/// Source: Lapicque (1907); parameters of Brette et al. (2007), J Comput Neurosci 23:349, benchmark 1.
/// </summary>
public sealed class LifNeuron : NeuronGroup, ISnapshotParticipant
{
    // Refractoriness as the step from which each neuron integrates again, counted within an epoch of 2^EpochBits steps.
    // Why not a countdown: the kernel then tests it with one compare against the step and stores nothing (a countdown
    // costs a load, a decrement, a store and a widening per vector: ~12 % of the kernel). Why epochs: 32-bit steps would
    // wrap after 2^31 steps (60 h of biological time at dt = 0.1 ms). Invariant: between steps, with the clock at m, the
    // values count from Base(m), the start of the epoch of step m - 1 (of step 0 for m = 0); the update of the first step
    // of an epoch moves its range's values into the new epoch (each range is updated exactly once per step, by one worker).
    private readonly int[] _integratesFrom;
    private readonly StateVariable[] _states;
    private readonly OdeMethod _method = OdeMethod.ExponentialEuler;
    private Consts _k;
    private double _boundDt = double.NaN;

    /// <summary>Creates <paramref name="size"/> LIF neurons with <paramref name="parameters"/> (validated here).</summary>
    public LifNeuron(int size, LifParams parameters, string name = "LIF") : base(name, size)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate($"LifNeuron '{name}'");
        Parameters = parameters;
        _integratesFrom = AlignedArray.Create<int>(size);
        _states = new[] { new StateVariable("v", "mV", V) };
    }

    /// <summary>The cell parameters.</summary>
    public LifParams Parameters { get; }

    /// <summary>Initial membrane potential, mV (default: E_L). May be random, e.g. <c>Initializer.Uniform(-60, -50)</c>.</summary>
    public Initializer? InitialV { get; init; }

    /// <summary>
    /// How v is integrated over a step: <see cref="OdeMethod.ExponentialEuler"/> (default, exact for inputs held over the
    /// step) or <see cref="OdeMethod.Euler"/> (forward Euler, Brian2's choice for COBA; cheaper, first order in dt).
    /// </summary>
    public OdeMethod Method
    {
        get => _method;
        init
        {
            if (value is not (OdeMethod.ExponentialEuler or OdeMethod.Euler))
                throw new ArgumentOutOfRangeException(nameof(Method), value, $"LifNeuron '{Name}': parameter Method must be ExponentialEuler or Euler, got {value}.");
            _method = value;
        }
    }

    /// <summary>
    /// Remaining refractory steps per neuron between steps, with the clock at <paramref name="clock"/>'s next step; a copy.
    /// The classic countdown: right after a spike it is round(t_ref / dt), it falls by one per step, and a neuron integrates
    /// in the next step when it is at most 1 (0: not refractory). Read it between runs or steps, not from inside a step
    /// (a recorder runs before the clock advances). t_ref / dt is at most 65535 steps.
    /// </summary>
    public int[] RefractoryCounts(Clock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Counts(clock.Step);
    }

    /// <summary>Steps in an epoch of the refractory bookkeeping, as a power of two (tests shorten it to cross epochs).</summary>
    internal int EpochBits { get; set; } = 29;

    private const int FarPast = int.MinValue / 2;

    /// <summary>Where the refractory values count from between steps, with the clock at <paramref name="m"/>.</summary>
    private long Base(long m) => m == 0 ? 0 : (m - 1) >> EpochBits << EpochBits;

    private int[] Counts(long m)
    {
        long now = m - Base(m);
        var c = new int[Size];
        for (int i = 0; i < c.Length; i++) c[i] = (int)Math.Max(0, _integratesFrom[i] - now + 1);
        return c;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <inheritdoc/>
    public override bool CanUpdateRange => true;

    /// <inheritdoc/>
    public override void Prepare(Clock clock)
    {
        InitialV?.Validate($"LifNeuron '{Name}'", nameof(InitialV));
        Bind(clock.Dt);
        PrepareKernels(true);
    }

    /// <summary>
    /// Compiles the kernel instantiations the next run will use (the JIT specialises them per configuration), so that their
    /// compilation happens at build rather than inside the first steps of the first run.
    /// </summary>
    private void PrepareKernels(bool acc)
    {
        var types = new Type[6];
        types[0] = _method == OdeMethod.ExponentialEuler ? typeof(Yes) : typeof(No);
        types[1] = acc ? typeof(Yes) : typeof(No);
        types[2] = _fused.Length > 0 ? typeof(Yes) : typeof(No);
        types[3] = _fused.Length > 1 ? typeof(Yes) : typeof(No);
        types[4] = _fused.Length > 0 && _fused[0].IsConductance ? typeof(Yes) : typeof(No);
        types[5] = _fused.Length > 1 && _fused[1].IsConductance ? typeof(Yes) : typeof(No);
        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        RuntimeHelpers.PrepareMethod(typeof(LifNeuron).GetMethod(nameof(Run), flags)!.MakeGenericMethod(types).MethodHandle);
        if (Size % 8 != 0)
            RuntimeHelpers.PrepareMethod(typeof(LifNeuron).GetMethod(nameof(Tail), flags)!.MakeGenericMethod(types).MethodHandle);
    }

    // The helpers the step calls are inlined into, or compiled as, optimized code from their first call: a CLI run lasts
    // less than the ~100 ms the tiered JIT waits before optimizing, so tier-0 helpers would run for the whole of it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Bind(double dt)
    {
        if (dt != _boundDt) Rebind(dt);
    }

    private void Rebind(double dt)
    {
        var p = Parameters;
        double refSteps = Math.Round(p.TRef / dt);
        if (refSteps > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(p.TRef), p.TRef,
                $"LifNeuron '{Name}': parameter TRef = {p.TRef} ms is {refSteps} steps of dt = {dt} ms; at most {ushort.MaxValue} steps are supported.");
        double k = dt / p.Cm;
        // h for G = g_L alone (no conductance input this step): computed once in double.
        double h0 = _method == OdeMethod.Euler ? k : (1 - Math.Exp(-k * p.GL)) / p.GL;
        _k = new Consts((float)k, (float)p.GL, (float)h0, (float)(p.GL * p.EL + p.IExt), (float)p.VTh, (float)p.VReset);
        _refSteps = (ushort)refSteps;
        _boundDt = dt;
    }

    private ushort _refSteps;

    /// <inheritdoc/>
    public override void Reset(ulong seed)
    {
        if (InitialV is null) Array.Fill(V, (float)Parameters.EL);
        else InitialV.Fill(V, seed, 0);
        Array.Fill(_integratesFrom, FarPast);
    }

    /// <inheritdoc/>
    public override void Update(Clock clock) => Spikes.Count = UpdateRange(clock, 0, Size, Spikes.Indices);

    // Fused synaptic inputs (at most two: excitatory and inhibitory), see FuseInputs.
    private FusedInput[] _fused = Array.Empty<FusedInput>();
    private bool _exclusive;
    private long _settledAt;

    /// <inheritdoc/>
    public override bool FuseInputs(IReadOnlyList<FusedInput> inputs, bool exclusive)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0 || inputs.Count > 2) return false;
        foreach (var f in inputs) if (f.G.Length != Size) return false;
        _fused = inputs.ToArray();
        _exclusive = exclusive;
        _settledAt = 0;
        PrepareKernels(true);
        if (exclusive) PrepareKernels(false);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Fused inputs are current at every step boundary (the kernel decays g after using it, couplings deliver into g), so
    /// there is nothing to fold; the step is remembered so that its update also consumes what was written between runs
    /// into the accumulators or the synapses' arrivals.
    /// </remarks>
    public override void SettleFusedInputs(long step, bool fold) => _settledAt = step;

    /// <inheritdoc/>
    /// <remarks>
    /// With fused inputs, per vector: I = g_L E_L + I_ext (+ accumulators) + sum g E (conductance) or + g (current),
    /// G = g_L (+ accumulators) + sum g; the membrane update; then g is stored as g * decay, the exact decay over the step.
    /// The couplings deliver the step's spikes straight into g afterwards (Brian2's order: state update, then
    /// g += w per synapse), so g reads as usual at every step boundary and no arrival arrays are streamed.
    /// Each neuron must be updated once per step with the clock advancing by one step each time, as a network does:
    /// refractoriness is kept as the step a neuron integrates again from (see <see cref="RefractoryCounts"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        Bind(clock.Dt);
        if (end <= start) return 0;
        int step = EnterStep(clock.Step, start, end);
        if (_fused.Length == 0) return Dispatch(true, start, end, spikes, step);
        // The first step of a run also consumes anything written between runs (accumulators, arrivals).
        bool first = clock.Step == _settledAt;
        int count = Dispatch(!_exclusive || first, start, end, spikes, step);
        if (first)
            foreach (var f in _fused)
            {
                var a = f.Arrivals.AsSpan(start, end - start);
                var g = f.G.AsSpan(start, end - start);
                System.Numerics.Tensors.TensorPrimitives.Add(g, a, g);
                a.Clear();
            }
        // At the same absolute steps as the synapses' own (unfused) update. There the flush comes after the step's
        // deliveries, here before them: the two differ only for a weight below ~1e-13.
        if (SubnormalFlush.Due(clock.Step))
            foreach (var f in _fused) SubnormalFlush.Apply(f.G.AsSpan(start, end - start));
        return count;
    }

    /// <summary>
    /// The step within the refractory epoch, for updating [start, end) at <paramref name="m"/>. At the first step of an
    /// epoch this range's values move into it (far-past values stay far past).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EnterStep(long m, int start, int end)
    {
        long epochStart = m >> EpochBits << EpochBits;
        if (m == epochStart && m != 0)
        {
            int shift = 1 << EpochBits;
            var span = _integratesFrom.AsSpan(start, end - start);
            for (int i = 0; i < span.Length; i++) span[i] = Math.Max(span[i] - shift, FarPast);
        }
        return (int)(m - epochStart);
    }

    /// <inheritdoc/>
    public void SaveState(StateSnapshot snapshot) => snapshot.Put(Counts(snapshot.Step));

    /// <inheritdoc/>
    public void RestoreState(StateSnapshot snapshot)
    {
        var c = new int[Size];
        snapshot.Take(c, $"{Name}.refractory");
        long now = snapshot.Step - Base(snapshot.Step);
        for (int i = 0; i < c.Length; i++)
        {
            if ((uint)c[i] > ushort.MaxValue)
                throw new InvalidOperationException($"LifNeuron '{Name}': snapshot holds refractory count {c[i]} for neuron {i}, outside [0, {ushort.MaxValue}].");
            _integratesFrom[i] = c[i] == 0 ? FarPast : (int)(now + c[i] - 1);
        }
    }

    // ---- kernel ----
    // The kernel is specialised by the JIT per configuration through struct flags (method, accumulators, number and kind
    // of fused inputs), so the per-vector code carries no tests of configuration.

    private interface IFlag { static abstract bool On { get; } }
    private struct Yes : IFlag { public static bool On => true; }
    private struct No : IFlag { public static bool On => false; }

    /// <summary>Per-step constants as vectors.</summary>
    private readonly struct Consts
    {
        public readonly Vector256<float> K, NegK, GL, H0, Drive, VTh, VReset;

        public Consts(float k, float gL, float h0, float drive, float vTh, float vReset)
        {
            K = Vector256.Create(k); NegK = Vector256.Create(-k); GL = Vector256.Create(gL); H0 = Vector256.Create(h0);
            Drive = Vector256.Create(drive); VTh = Vector256.Create(vTh); VReset = Vector256.Create(vReset);
        }
    }

    /// <summary>The fused inputs' per-step constants as vectors.</summary>
    private readonly struct InputConsts
    {
        public readonly Vector256<float> D0, D1, E0, E1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public InputConsts(FusedInput[] f)
        {
            D0 = f.Length > 0 ? Vector256.Create(f[0].Decay) : default;
            E0 = f.Length > 0 ? Vector256.Create(f[0].Reversal) : default;
            D1 = f.Length > 1 ? Vector256.Create(f[1].Decay) : default;
            E1 = f.Length > 1 ? Vector256.Create(f[1].Reversal) : default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Dispatch(bool acc, int start, int end, Span<int> spikes, int step)
        => _method == OdeMethod.ExponentialEuler ? Dispatch<Yes>(acc, start, end, spikes, step) : Dispatch<No>(acc, start, end, spikes, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Dispatch<TExp>(bool acc, int start, int end, Span<int> spikes, int step) where TExp : struct, IFlag
        => acc ? Dispatch<TExp, Yes>(start, end, spikes, step) : Dispatch<TExp, No>(start, end, spikes, step);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Dispatch<TExp, TAcc>(int start, int end, Span<int> spikes, int step) where TExp : struct, IFlag where TAcc : struct, IFlag
    {
        var f = _fused;
        if (f.Length == 0) return Run<TExp, TAcc, No, No, No, No>(start, end, spikes, step);
        bool c0 = f[0].IsConductance;
        if (f.Length == 1)
            return c0 ? Run<TExp, TAcc, Yes, No, Yes, No>(start, end, spikes, step) : Run<TExp, TAcc, Yes, No, No, No>(start, end, spikes, step);
        bool c1 = f[1].IsConductance;
        return (c0, c1) switch
        {
            (true, true) => Run<TExp, TAcc, Yes, Yes, Yes, Yes>(start, end, spikes, step),
            (true, false) => Run<TExp, TAcc, Yes, Yes, Yes, No>(start, end, spikes, step),
            (false, true) => Run<TExp, TAcc, Yes, Yes, No, Yes>(start, end, spikes, step),
            _ => Run<TExp, TAcc, Yes, Yes, No, No>(start, end, spikes, step),
        };
    }

    /// <summary>
    /// The update of neurons [start, end): 8 per vector, and the last n % 8 of the group through the same vector code on
    /// padded copies, so every neuron sees identical arithmetic whatever the chunking (thread count).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Run<TExp, TAcc, TAny, TTwo, TC0, TC1>(int start, int end, Span<int> spikes, int step)
        where TExp : struct, IFlag where TAcc : struct, IFlag where TAny : struct, IFlag
        where TTwo : struct, IFlag where TC0 : struct, IFlag where TC1 : struct, IFlag
    {
        var k = _k;
        var inp = new InputConsts(_fused);
        // The loop reads its constants through references. To vector locals, which the JIT keeps in registers across the
        // loop (CLI A/B: CUBA-4000 loop 7 % faster, COBA-4000 3 %), except with exponential Euler's conductance series,
        // which needs more vector registers than AVX2's 16: there to the constants' fields, read as memory operands,
        // since as locals some were spilled and reloaded inside the loop (5-7 % slower). design-perf9.md.
        if (TExp.On && TAny.On && (TC0.On || (TTwo.On && TC1.On)))
            return Loop<TExp, TAcc, TAny, TTwo, TC0, TC1>(start, end, spikes, step, k, inp,
                in k.Drive, in k.GL, in k.H0, in k.VTh, in k.VReset, in inp.D0, in inp.E0, in inp.D1, in inp.E1);
        Vector256<float> drive = k.Drive, gL = k.GL, h0 = k.H0, vTh = k.VTh, vReset = k.VReset;
        Vector256<float> d0 = inp.D0, e0 = inp.E0, d1 = inp.D1, e1 = inp.E1;
        return Loop<TExp, TAcc, TAny, TTwo, TC0, TC1>(start, end, spikes, step, k, inp,
            in drive, in gL, in h0, in vTh, in vReset, in d0, in e0, in d1, in e1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Loop<TExp, TAcc, TAny, TTwo, TC0, TC1>(int start, int end, Span<int> spikes, int step, in Consts k, in InputConsts inp,
        in Vector256<float> drive, in Vector256<float> gL, in Vector256<float> h0, in Vector256<float> vTh, in Vector256<float> vReset,
        in Vector256<float> d0, in Vector256<float> e0, in Vector256<float> d1, in Vector256<float> e1)
        where TExp : struct, IFlag where TAcc : struct, IFlag where TAny : struct, IFlag
        where TTwo : struct, IFlag where TC0 : struct, IFlag where TC1 : struct, IFlag
    {
        const int W = 8;
        int n = end - start, body = n - n % W, count = 0;
        int again = step + _refSteps; // a neuron spiking now integrates again from this step on
        var next = Vector256.Create(step + 1);
        ref float v = ref MemoryMarshal.GetArrayDataReference(V);
        ref int c = ref MemoryMarshal.GetArrayDataReference(_integratesFrom);
        ref float ic = ref MemoryMarshal.GetArrayDataReference(InputCurrent);
        ref float gc = ref MemoryMarshal.GetArrayDataReference(InputConductance);
        ref float g0 = ref TAny.On ? ref MemoryMarshal.GetArrayDataReference(_fused[0].G) : ref v;
        ref float g1 = ref TTwo.On ? ref MemoryMarshal.GetArrayDataReference(_fused[1].G) : ref v;
        ref int spk = ref MemoryMarshal.GetReference(spikes);
        nuint stop = (nuint)(start + body);
        nuint i = (nuint)start;
        // Two vectors per round: the update of one vector is a chain of ~25 cycles of dependent operations (the input sum,
        // two FMAs, the blends), and two independent chains per round let the core overlap them (same vectors, same results).
        for (; i + 2 * W <= stop; i += 2 * W)
        {
            uint lo = Vec<TExp, TAcc, TAny, TTwo, TC0, TC1>(ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref c, i),
                ref Unsafe.Add(ref ic, i), ref Unsafe.Add(ref gc, i), ref Unsafe.Add(ref g0, i), ref Unsafe.Add(ref g1, i),
                in drive, in gL, in h0, in vTh, in vReset, in d0, in e0, in d1, in e1, next, k);
            nuint i1 = i + W;
            uint hi = Vec<TExp, TAcc, TAny, TTwo, TC0, TC1>(ref Unsafe.Add(ref v, i1), ref Unsafe.Add(ref c, i1),
                ref Unsafe.Add(ref ic, i1), ref Unsafe.Add(ref gc, i1), ref Unsafe.Add(ref g0, i1), ref Unsafe.Add(ref g1, i1),
                in drive, in gL, in h0, in vTh, in vReset, in d0, in e0, in d1, in e1, next, k);
            uint bits = lo | hi << W;
            while (bits != 0)
            {
                int j = (int)i + BitOperations.TrailingZeroCount(bits);
                Unsafe.Add(ref spk, count++) = j;
                Unsafe.Add(ref c, j) = again;
                bits &= bits - 1;
            }
        }
        for (; i < stop; i += W)
        {
            uint bits = Vec<TExp, TAcc, TAny, TTwo, TC0, TC1>(ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref c, i),
                ref Unsafe.Add(ref ic, i), ref Unsafe.Add(ref gc, i), ref Unsafe.Add(ref g0, i), ref Unsafe.Add(ref g1, i),
                in drive, in gL, in h0, in vTh, in vReset, in d0, in e0, in d1, in e1, next, k);
            while (bits != 0)
            {
                int j = (int)i + BitOperations.TrailingZeroCount(bits);
                Unsafe.Add(ref spk, count++) = j;
                Unsafe.Add(ref c, j) = again;
                bits &= bits - 1;
            }
        }
        if (body < n) count = Tail<TExp, TAcc, TAny, TTwo, TC0, TC1>(start + body, n - body, spikes, count, k, inp, step);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Tail<TExp, TAcc, TAny, TTwo, TC0, TC1>(int t0, int m, Span<int> spikes, int count, in Consts k, in InputConsts inp, int step)
        where TExp : struct, IFlag where TAcc : struct, IFlag where TAny : struct, IFlag
        where TTwo : struct, IFlag where TC0 : struct, IFlag where TC1 : struct, IFlag
    {
        Span<float> tv = stackalloc float[8], ti = stackalloc float[8], tg = stackalloc float[8], t0g = stackalloc float[8], t1g = stackalloc float[8];
        Span<int> tc = stackalloc int[8];
        tv.Clear(); ti.Clear(); tg.Clear(); t0g.Clear(); t1g.Clear();
        tc.Fill(int.MaxValue); // padded lanes stay refractory: they never spike
        V.AsSpan(t0, m).CopyTo(tv); _integratesFrom.AsSpan(t0, m).CopyTo(tc);
        if (TAcc.On) { InputCurrent.AsSpan(t0, m).CopyTo(ti); InputConductance.AsSpan(t0, m).CopyTo(tg); }
        if (TAny.On) _fused[0].G.AsSpan(t0, m).CopyTo(t0g);
        if (TTwo.On) _fused[1].G.AsSpan(t0, m).CopyTo(t1g);
        uint bits = Vec<TExp, TAcc, TAny, TTwo, TC0, TC1>(ref tv[0], ref tc[0], ref ti[0], ref tg[0], ref t0g[0], ref t1g[0],
            in k.Drive, in k.GL, in k.H0, in k.VTh, in k.VReset, in inp.D0, in inp.E0, in inp.D1, in inp.E1, Vector256.Create(step + 1), k) & ((1u << m) - 1);
        tv[..m].CopyTo(V.AsSpan(t0)); tc[..m].CopyTo(_integratesFrom.AsSpan(t0));
        if (TAcc.On) { InputCurrent.AsSpan(t0, m).Clear(); InputConductance.AsSpan(t0, m).Clear(); }
        if (TAny.On) t0g[..m].CopyTo(_fused[0].G.AsSpan(t0));
        if (TTwo.On) t1g[..m].CopyTo(_fused[1].G.AsSpan(t0));
        while (bits != 0)
        {
            int j = t0 + BitOperations.TrailingZeroCount(bits);
            spikes[count++] = j;
            _integratesFrom[j] = step + _refSteps;
            bits &= bits - 1;
        }
        return count;
    }

    /// <summary>
    /// One vector of 8 neurons: inputs, membrane, refractoriness, threshold and reset; returns the spike mask. Fused inputs'
    /// g are used as they stand and stored decayed. Fused multiply-adds are exact-rounded on every CPU (software where the
    /// hardware lacks FMA), so results do not depend on the machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Vec<TExp, TAcc, TAny, TTwo, TC0, TC1>(ref float v, ref int c, ref float ic, ref float gc, ref float g0, ref float g1,
        in Vector256<float> drive, in Vector256<float> gL, in Vector256<float> h0, in Vector256<float> vTh, in Vector256<float> vReset,
        in Vector256<float> d0, in Vector256<float> e0, in Vector256<float> d1, in Vector256<float> e1,
        Vector256<int> next, in Consts k)
        where TExp : struct, IFlag where TAcc : struct, IFlag where TAny : struct, IFlag
        where TTwo : struct, IFlag where TC0 : struct, IFlag where TC1 : struct, IFlag
    {
        bool condFused = TAny.On && (TC0.On || (TTwo.On && TC1.On));
        var I = drive;
        var gin = Vector256<float>.Zero;
        if (TAcc.On)
        {
            I += Vector256.LoadUnsafe(ref ic);
            gin = Vector256.LoadUnsafe(ref gc);
            Vector256<float>.Zero.StoreUnsafe(ref ic);
            Vector256<float>.Zero.StoreUnsafe(ref gc);
        }
        if (TAny.On)
        {
            var x0 = Vector256.LoadUnsafe(ref g0);
            (x0 * d0).StoreUnsafe(ref g0);
            if (TC0.On) { I = Vector256.FusedMultiplyAdd(x0, e0, I); gin = TAcc.On ? gin + x0 : x0; }
            else I += x0;
            if (TTwo.On)
            {
                var x1 = Vector256.LoadUnsafe(ref g1);
                (x1 * d1).StoreUnsafe(ref g1);
                if (TC1.On) { I = Vector256.FusedMultiplyAdd(x1, e1, I); gin = TAcc.On || TC0.On ? gin + x1 : x1; }
                else I += x1;
            }
        }
        var vv = Vector256.LoadUnsafe(ref v);
        Vector256<float> vn;
        if (!TAcc.On && !condFused)
            vn = Vector256.FusedMultiplyAdd(h0, MinusMultiplyAdd(gL, vv, I), vv);
        else
        {
            var G = gL + gin;
            // No conductance input in any lane: G = g_L, whose h was computed exactly once.
            var h = !condFused && Vector256.EqualsAll(gin, Vector256<float>.Zero) ? h0 : StepFactor<TExp>(G, k);
            vn = Vector256.FusedMultiplyAdd(h, MinusMultiplyAdd(G, vv, I), vv);
        }
        // A neuron integrates and may spike from the step its refractoriness ends: step >= c, i.e. step + 1 > c.
        var active = Vector256.GreaterThan(next, Vector256.LoadUnsafe(ref c)).AsSingle();
        vn = Select(active, vn, vv);
        var spike = active & Vector256.GreaterThan(vn, vTh);
        Select(spike, vReset, vn).StoreUnsafe(ref v);
        return spike.ExtractMostSignificantBits();
    }

    /// <summary>h(G) of the method: dt/C_m (Euler) or (1 - exp(-dt G/C_m)) / G (exponential Euler).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> StepFactor<TExp>(Vector256<float> G, in Consts k) where TExp : struct, IFlag
    {
        if (!TExp.On) return k.K;
        var x = k.NegK * G;
        // Typical COBA arguments are small (dt G / C_m < 0.35): the series is exact to float precision there and needs
        // neither division nor exp; anything else takes the exact formula.
        if (Vector256.LessThanAll(Vector256.Abs(x), Vector256.Create(0.35f))) return k.K * Phi1Small(x);
        return (Vector256<float>.One - Exp(x)) / G;
    }

    /// <summary>I - G v with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MinusMultiplyAdd(Vector256<float> g, Vector256<float> v, Vector256<float> i)
        => Fma.IsSupported ? Fma.MultiplyAddNegated(g, v, i) : Vector256.FusedMultiplyAdd(-g, v, i);

    /// <summary>mask ? a : b for lane masks of all ones or all zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Select(Vector256<float> mask, Vector256<float> a, Vector256<float> b)
        => Avx.IsSupported ? Avx.BlendVariable(b, a, mask) : Vector256.ConditionalSelect(mask, a, b);

    /// <summary>
    /// phi1(x) = (e^x - 1) / x for |x| &lt; 0.35 by its degree-6 Taylor polynomial (truncation below |x|^7/8! = 2e-8
    /// relative), Estrin's scheme: depth 4 instead of Horner's 6 dependent steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Phi1Small(Vector256<float> x)
    {
        var x2 = x * x;
        var x4 = x2 * x2;
        var p01 = Vector256.FusedMultiplyAdd(x, Vector256.Create(1f / 2), Vector256<float>.One);
        var p23 = Vector256.FusedMultiplyAdd(x, Vector256.Create(1f / 24), Vector256.Create(1f / 6));
        var p45 = Vector256.FusedMultiplyAdd(x, Vector256.Create(1f / 720), Vector256.Create(1f / 120));
        var p03 = Vector256.FusedMultiplyAdd(x2, p23, p01);
        var p46 = Vector256.FusedMultiplyAdd(x2, Vector256.Create(1f / 5040), p45);
        return Vector256.FusedMultiplyAdd(x4, p46, p03);
    }

    /// <summary>
    /// exp(x) for float lanes, relative error below 2e-7 on [-87, 88] (Cephes expf: Cody-Waite reduction by ln 2 and a
    /// degree-5 minimax polynomial). Written out because the library's Vector256.Exp widens to double and costs ~10x more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.3f)), Vector256.Create(88.3f));
        var n = Vector256.Round(x * Vector256.Create(1.44269504088896341f));
        var r = x - n * Vector256.Create(0.693359375f) - n * Vector256.Create(-2.12194440e-4f);
        var z = r * r;
        var y = Vector256.Create(1.9875691500E-4f);
        y = y * r + Vector256.Create(1.3981999507E-3f);
        y = y * r + Vector256.Create(8.3334519073E-3f);
        y = y * r + Vector256.Create(4.1665795894E-2f);
        y = y * r + Vector256.Create(1.6666665459E-1f);
        y = y * r + Vector256.Create(5.0000001201E-1f);
        y = y * z + r + Vector256<float>.One;
        var pow2 = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        return y * pow2.AsSingle();
    }
}
