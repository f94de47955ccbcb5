using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BrainSharp.Dynamics;

namespace BrainSharp.Neurons;

/// <summary>
/// Leaky integrate-and-fire neuron with absolute refractory period.
/// <code>
/// C_m dv/dt = g_L (E_L - v) + I_ext + I_syn,   I_syn = InputCurrent - InputConductance * v
/// if v &gt; V_th (and not refractory): spike, v = V_reset, v held at V_reset for t_ref
/// </code>
/// Parameters (<see cref="LifParams"/>): C_m 200 pF, g_L 10 nS, E_L -60 mV, V_th -50 mV, V_reset -60 mV, t_ref 5 ms, I_ext 0 pA.
/// Integration: exponential Euler with the step's input accumulators held constant, which is the exact solution of the
/// linear membrane equation over the step: with G = g_L + g_in and v_inf = (g_L E_L + I_ext + I_in) / G,
/// v(t + dt) = v_inf + (v - v_inf) exp(-dt G / C_m). This is Brian2's <c>exponential_euler</c> for COBA-type cells.
/// Spike timing follows Brian2: the threshold is tested on the updated v, and the spike carries the time of the step
/// (its start), so under constant drive the interspike interval is ceil(T/dt) dt. A neuron that spikes at step n stays
/// refractory while (m - n) &lt; round(t_ref / dt), i.e. it integrates again from step n + round(t_ref/dt) on.
/// Source: Lapicque (1907); parameters of Brette et al. (2007), J Comput Neurosci 23:349, benchmark 1.
/// </summary>
public sealed class LifNeuron : NeuronGroup
{
    private readonly float[] _refractory;
    private readonly StateVariable[] _states;
    private float _decayPerNs, _gL, _invGL, _leakDecay, _drive, _vTh, _vReset, _refSteps;

    /// <summary>Creates <paramref name="size"/> LIF neurons with <paramref name="parameters"/> (validated here).</summary>
    public LifNeuron(int size, LifParams parameters, string name = "LIF") : base(name, size)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate($"LifNeuron '{name}'");
        Parameters = parameters;
        _refractory = new float[size];
        _states = new[] { new StateVariable("v", "mV", V), new StateVariable("refractory", "steps", _refractory) };
    }

    /// <summary>The cell parameters.</summary>
    public LifParams Parameters { get; }

    /// <summary>Initial membrane potential, mV (default: E_L). May be random, e.g. <c>Initializer.Uniform(-60, -50)</c>.</summary>
    public Initializer? InitialV { get; init; }

    /// <summary>Remaining refractory steps per neuron (0 = integrating).</summary>
    public float[] Refractory => _refractory;

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <inheritdoc/>
    public override bool CanUpdateRange => true;

    /// <inheritdoc/>
    public override void Prepare(Clock clock)
    {
        InitialV?.Validate($"LifNeuron '{Name}'", nameof(InitialV));
        Bind(clock.Dt);
    }

    private double _boundDt = double.NaN;

    private void Bind(double dt)
    {
        if (dt == _boundDt) return;
        var p = Parameters;
        _decayPerNs = (float)(-dt / p.Cm);
        _gL = (float)p.GL;
        _invGL = (float)(1.0 / p.GL);
        _leakDecay = (float)Math.Exp(-dt * p.GL / p.Cm);
        _drive = (float)(p.GL * p.EL + p.IExt);
        _vTh = (float)p.VTh;
        _vReset = (float)p.VReset;
        _refSteps = (float)Math.Round(p.TRef / dt);
        _boundDt = dt;
    }

    /// <inheritdoc/>
    public override void Reset(ulong seed)
    {
        if (InitialV is null) Array.Fill(V, (float)Parameters.EL);
        else InitialV.Fill(V, seed, 0);
        Array.Clear(_refractory);
    }

    /// <inheritdoc/>
    public override void Update(Clock clock) => Spikes.Count = UpdateRange(clock, 0, Size, Spikes.Indices);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        Bind(clock.Dt);
        int n = end - start;
        if (n <= 0) return 0;
        if (_fused.Length > 0) return UpdateRangeFused(clock, start, end, spikes);
        int count = 0;
        int w = Vector256<float>.Count;
        int body = n - n % w;
        ref float v = ref MemoryMarshal.GetArrayDataReference(V);
        ref float ic = ref MemoryMarshal.GetArrayDataReference(InputCurrent);
        ref float gc = ref MemoryMarshal.GetArrayDataReference(InputConductance);
        ref float r = ref MemoryMarshal.GetArrayDataReference(_refractory);
        ref int spk = ref MemoryMarshal.GetReference(spikes);
        var k = new Kernel(_gL, _invGL, _leakDecay, _drive, _decayPerNs, _vTh, _vReset, _refSteps);
        for (int i = start; i < start + body; i += w)
        {
            uint bits = k.Step(ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref ic, i), ref Unsafe.Add(ref gc, i), ref Unsafe.Add(ref r, i));
            while (bits != 0)
            {
                Unsafe.Add(ref spk, count++) = i + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
        if (body < n) count = Tail(k, start + body, n - body, spikes, count);
        return count;
    }

    /// <summary>
    /// The last n % 8 neurons of the group through the same vector code on padded copies, so every neuron sees identical
    /// arithmetic whatever the chunking (thread count). Fused inputs must already be folded into the accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Tail(in Kernel k, int t0, int m, Span<int> spikes, int count)
    {
        Span<float> tv = stackalloc float[8], ti = stackalloc float[8], tg = stackalloc float[8], tr = stackalloc float[8];
        tv.Clear(); ti.Clear(); tg.Clear(); tr.Fill(2);
        V.AsSpan(t0, m).CopyTo(tv); InputCurrent.AsSpan(t0, m).CopyTo(ti);
        InputConductance.AsSpan(t0, m).CopyTo(tg); _refractory.AsSpan(t0, m).CopyTo(tr);
        uint bits = k.Step(ref tv[0], ref ti[0], ref tg[0], ref tr[0]) & ((1u << m) - 1);
        tv[..m].CopyTo(V.AsSpan(t0)); tr[..m].CopyTo(_refractory.AsSpan(t0));
        InputCurrent.AsSpan(t0, m).Clear(); InputConductance.AsSpan(t0, m).Clear();
        while (bits != 0)
        {
            spikes[count++] = t0 + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        return count;
    }

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
        return true;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void SettleFusedInputs(long step, bool fold)
    {
        if (fold && step != _settledAt)
            foreach (var f in _fused)
            {
                var d = Vector256.Create(f.Decay);
                ref float g = ref MemoryMarshal.GetArrayDataReference(f.G);
                ref float a = ref MemoryMarshal.GetArrayDataReference(f.Arrivals);
                int i = 0, n = f.G.Length;
                for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    (Vector256.LoadUnsafe(ref g, (nuint)i) * d + Vector256.LoadUnsafe(ref a, (nuint)i)).StoreUnsafe(ref g, (nuint)i);
                    Vector256<float>.Zero.StoreUnsafe(ref a, (nuint)i);
                }
                for (; i < n; i++) { Unsafe.Add(ref g, i) = Unsafe.Add(ref g, i) * f.Decay + Unsafe.Add(ref a, i); Unsafe.Add(ref a, i) = 0; }
            }
        _settledAt = step;
    }

    /// <summary>
    /// The update with fused exponential synapses: per vector, g = g d + arrivals (the previous step's kinetics, deferred),
    /// then I_in += g E, G_in += g (conductance) or I_in += g (current), in the order the outputs would have been applied,
    /// then the membrane kernel. One pass over the neurons instead of five.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UpdateRangeFused(Clock clock, int start, int end, Span<int> spikes)
    {
        int n = end - start;
        int count = 0;
        int w = Vector256<float>.Count;
        int body = n - n % w;
        // Right after a settle (reset, restore, or a previous run) the stored g is already current.
        bool fresh = clock.Step == _settledAt;
        var f0 = _fused[0];
        var f1 = _fused.Length > 1 ? _fused[1] : f0;
        bool two = _fused.Length > 1;
        float d0 = fresh ? 1f : f0.Decay, d1 = fresh ? 1f : f1.Decay;
        ref float v = ref MemoryMarshal.GetArrayDataReference(V);
        ref float ic = ref MemoryMarshal.GetArrayDataReference(InputCurrent);
        ref float gc = ref MemoryMarshal.GetArrayDataReference(InputConductance);
        ref float r = ref MemoryMarshal.GetArrayDataReference(_refractory);
        ref float g0 = ref MemoryMarshal.GetArrayDataReference(f0.G);
        ref float a0 = ref MemoryMarshal.GetArrayDataReference(f0.Arrivals);
        ref float g1 = ref MemoryMarshal.GetArrayDataReference(f1.G);
        ref float a1 = ref MemoryMarshal.GetArrayDataReference(f1.Arrivals);
        ref int spk = ref MemoryMarshal.GetReference(spikes);
        var k = new Kernel(_gL, _invGL, _leakDecay, _drive, _decayPerNs, _vTh, _vReset, _refSteps);
        var vd0 = Vector256.Create(d0); var vd1 = Vector256.Create(d1);
        var e0 = Vector256.Create(f0.Reversal); var e1 = Vector256.Create(f1.Reversal);
        bool c0 = f0.IsConductance, c1 = f1.IsConductance;
        // Exclusive inputs: the accumulators stay zero during a run (16 of 64 bytes per neuron-step saved); whatever was
        // written into them between runs is consumed on the first step.
        bool acc = !_exclusive || fresh;
        for (int i = start; i < start + body; i += w)
        {
            Vector256<float> vic, vgc;
            if (acc)
            {
                vic = Vector256.LoadUnsafe(ref ic, (nuint)i);
                vgc = Vector256.LoadUnsafe(ref gc, (nuint)i);
                Vector256<float>.Zero.StoreUnsafe(ref ic, (nuint)i);
                Vector256<float>.Zero.StoreUnsafe(ref gc, (nuint)i);
            }
            else { vic = Vector256<float>.Zero; vgc = Vector256<float>.Zero; }
            var x0 = Vector256.LoadUnsafe(ref g0, (nuint)i) * vd0 + Vector256.LoadUnsafe(ref a0, (nuint)i);
            x0.StoreUnsafe(ref g0, (nuint)i);
            Vector256<float>.Zero.StoreUnsafe(ref a0, (nuint)i);
            if (c0) { vic += x0 * e0; vgc += x0; } else vic += x0;
            if (two)
            {
                var x1 = Vector256.LoadUnsafe(ref g1, (nuint)i) * vd1 + Vector256.LoadUnsafe(ref a1, (nuint)i);
                x1.StoreUnsafe(ref g1, (nuint)i);
                Vector256<float>.Zero.StoreUnsafe(ref a1, (nuint)i);
                if (c1) { vic += x1 * e1; vgc += x1; } else vic += x1;
            }
            uint bits = k.StepValues(ref Unsafe.Add(ref v, i), vic, vgc, ref Unsafe.Add(ref r, i));
            while (bits != 0)
            {
                Unsafe.Add(ref spk, count++) = i + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
        if (body < n)
        {
            // Scalar float ops are the same IEEE operations as the vector lanes, so the tail matches bit for bit.
            for (int i = start + body; i < end; i++)
            {
                float x = Unsafe.Add(ref g0, i) * d0 + Unsafe.Add(ref a0, i);
                Unsafe.Add(ref g0, i) = x; Unsafe.Add(ref a0, i) = 0;
                if (c0) { Unsafe.Add(ref ic, i) += x * f0.Reversal; Unsafe.Add(ref gc, i) += x; } else Unsafe.Add(ref ic, i) += x;
                if (two)
                {
                    float y = Unsafe.Add(ref g1, i) * d1 + Unsafe.Add(ref a1, i);
                    Unsafe.Add(ref g1, i) = y; Unsafe.Add(ref a1, i) = 0;
                    if (c1) { Unsafe.Add(ref ic, i) += y * f1.Reversal; Unsafe.Add(ref gc, i) += y; } else Unsafe.Add(ref ic, i) += y;
                }
            }
            count = Tail(k, start + body, n - body, spikes, count);
        }
        return count;
    }

    /// <summary>The fused per-vector update: membrane, refractoriness, threshold, reset, accumulator clearing.</summary>
    private readonly struct Kernel
    {
        private readonly Vector256<float> _gL, _invGL, _leakDecay, _drive, _decay, _vTh, _vReset, _refSteps;

        public Kernel(float gL, float invGL, float leakDecay, float drive, float decayPerNs, float vTh, float vReset, float refSteps)
        {
            _gL = Vector256.Create(gL); _invGL = Vector256.Create(invGL); _leakDecay = Vector256.Create(leakDecay);
            _drive = Vector256.Create(drive); _decay = Vector256.Create(decayPerNs);
            _vTh = Vector256.Create(vTh); _vReset = Vector256.Create(vReset); _refSteps = Vector256.Create(refSteps);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Step(ref float v, ref float ic, ref float gc, ref float r)
        {
            uint bits = StepValues(ref v, Vector256.LoadUnsafe(ref ic), Vector256.LoadUnsafe(ref gc), ref r);
            Vector256<float>.Zero.StoreUnsafe(ref ic);
            Vector256<float>.Zero.StoreUnsafe(ref gc);
            return bits;
        }

        /// <summary>As <see cref="Step"/> with the accumulators given as values (the caller clears them).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint StepValues(ref float v, Vector256<float> icv, Vector256<float> gin, ref float r)
        {
            var vv = Vector256.LoadUnsafe(ref v);
            Vector256<float> vinf, f;
            if (Vector256.EqualsAll(gin, Vector256<float>.Zero))
            {
                // No conductance input (current-based synapses, or none): G = g_L, so the decay factor is a constant.
                vinf = (_drive + icv) * _invGL;
                f = _leakDecay;
            }
            else
            {
                var g = _gL + gin;
                vinf = (_drive + icv) / g;
                var x = _decay * g;
                // Typical COBA arguments are small (dt G / C_m < 0.35): a short series is exact to float precision there
                // and skips the range reduction; anything else takes the general path.
                f = Vector256.LessThanAll(Vector256.Abs(x), Vector256.Create(0.35f)) ? ExpSmall(x) : Exp(x);
            }
            var vn = vinf + (vv - vinf) * f;
            var rr = Vector256.Max(Vector256.LoadUnsafe(ref r) - Vector256<float>.One, Vector256<float>.Zero);
            var active = Vector256.Equals(rr, Vector256<float>.Zero);
            vn = Vector256.ConditionalSelect(active, vn, vv);
            var spike = active & Vector256.GreaterThan(vn, _vTh);
            Vector256.ConditionalSelect(spike, _vReset, vn).StoreUnsafe(ref v);
            Vector256.ConditionalSelect(spike, _refSteps, rr).StoreUnsafe(ref r);
            return spike.ExtractMostSignificantBits();
        }

        /// <summary>exp(x) for |x| &lt; 0.35 by its degree-6 Taylor polynomial: truncation error below x^7/5040 e^|x| = 2e-8 relative.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> ExpSmall(Vector256<float> x)
        {
            var y = Vector256.Create(1f / 720);
            y = y * x + Vector256.Create(1f / 120);
            y = y * x + Vector256.Create(1f / 24);
            y = y * x + Vector256.Create(1f / 6);
            y = y * x + Vector256.Create(0.5f);
            y = y * x + Vector256<float>.One;
            return y * x + Vector256<float>.One;
        }

        /// <summary>
        /// exp(x) for float lanes, relative error below 2e-7 on [-87, 88] (Cephes expf: Cody-Waite reduction by ln 2 and a
        /// degree-5 minimax polynomial). Written out because the library's Vector256.Exp widens to double and costs ~10x more.
        /// Plain multiply and add (no FMA) so that results are the same on every x64 CPU.
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
}
