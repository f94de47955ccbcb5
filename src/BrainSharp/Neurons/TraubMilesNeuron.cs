// Traub-Miles Hodgkin-Huxley neuron: the cell of the Brian2 COBAHH benchmark (Brette et al. 2007, benchmark 3).
//
//   C dv/dt = g_L (E_L - v) - g_Na m^3 h (v - E_Na) - g_Kd n^4 (v - E_K) + I_bias + I_syn
//   dx/dt   = alpha_x(v) (1 - x) - beta_x(v) x,      x in {m, h, n}
//   alpha_m = 0.32 (13 - v + V_T) / (exp((13 - v + V_T)/4) - 1)      beta_m = 0.28 (v - V_T - 40) / (exp((v - V_T - 40)/5) - 1)
//   alpha_h = 0.128 exp((17 - v + V_T)/18)                           beta_h = 4 / (1 + exp((40 - v + V_T)/5))
//   alpha_n = 0.032 (15 - v + V_T) / (exp((15 - v + V_T)/5) - 1)     beta_n = 0.5 exp((10 - v + V_T)/40)
//   (rates in 1/ms, v in mV; the removable singularities use exprel as Brian2 does)
//   I_syn = InputCurrent - InputConductance * v  (pA; conductances in nS)
//   spike: v crosses SpikeThreshold upward outside the refractory period (the membrane is not reset or clamped)
//
// Parameters (TraubMilesParams; defaults = Brian2 examples/COBAHH.py): area 20000 um^2, C_m 1 uF/cm^2 (200 pF),
// g_Na 100 mS/cm^2 (20000 nS), g_Kd 30 mS/cm^2 (6000 nS), g_L 0.05 mS/cm^2 (10 nS), E_Na 50 mV, E_K -90 mV,
// E_L -60 mV (-65 mV in Brian2's HH tutorial), V_T -63 mV, threshold -20 mV, refractory 3 ms, I_bias 0 pA.
// Default integrator: exponential Euler (as COBAHH.py); Euler, midpoint, Heun and RK4 may be chosen.
// Exponential Euler runs as one fused float32 SIMD pass over the neurons (Vector512 where accelerated, else Vector256):
// rates from v at the step's start, each gate x <- x_inf + (x - x_inf) exp(-dt (alpha + beta)), and
// v <- v + dt (A - G v)/C phi1(-dt G/C) with the old gates (exact for the membrane equation, linear in v within the
// step), using FastExp's float exponential (relative error ~2e-7). About 10 exponentials per neuron per step, so this
// pass is the cost of a COBAHH run. The other methods use the per-neuron float64 path (OdeStepper).
//
// Sources: Traub R.D. & Miles R. (1991) Neuronal Networks of the Hippocampus, Cambridge UP;
// Brette R. et al. (2007) Simulation of networks of spiking neurons: a review of tools and strategies, J Comput Neurosci 23:349.
//
// Difference from Brian2: Brian2's threshold 'v > -20 mV' with refractory 3 ms fires whenever v is above threshold
// and the neuron is not refractory; here, by default, a spike needs an upward crossing. The two agree unless v stays
// above threshold for longer than the refractory period; SpikeWhileAboveThreshold = true selects Brian2's rule. Brian2's COBAHH leaves m, h, n at 0 initially; Reset puts them at
// their steady state for v = E_L (set the arrays after Reset to reproduce Brian2's start).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Neurons;

/// <summary>Traub-Miles Hodgkin-Huxley neuron (Brian2 COBAHH cell); see the file header for equations and units.</summary>
public sealed class TraubMilesNeuron : NeuronGroup
{
    private const string Model = nameof(TraubMilesNeuron);
    private readonly StateVariable[] _states;

    /// <summary>Creates <paramref name="size"/> neurons per batch element with parameters <paramref name="parameters"/> (default COBAHH).</summary>
    public TraubMilesNeuron(int size, TraubMilesParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.ExponentialEuler)
        : base(Model, size, batch)
    {
        Parameters = parameters ?? TraubMilesParams.Cobahh;
        Parameters.Validate(Model);
        OdeStepper.Validate(Model, method);
        Method = method;
        int n = size * batch;
        M = AlignedArray.Create<float>(n); H = AlignedArray.Create<float>(n); N = AlignedArray.Create<float>(n); RefractoryCountdown = AlignedArray.Create<float>(n);
        _states =
        [
            new StateVariable("v", "mV", V), new StateVariable("m", "1", M), new StateVariable("h", "1", H),
            new StateVariable("n", "1", N), new StateVariable("refractory_steps", "1", RefractoryCountdown),
        ];
        Reset(0);
    }

    /// <summary>The parameters.</summary>
    public TraubMilesParams Parameters { get; }
    /// <summary>The integration method.</summary>
    public OdeMethod Method { get; }
    /// <summary>Sodium activation gate.</summary>
    public float[] M { get; }
    /// <summary>Sodium inactivation gate.</summary>
    public float[] H { get; }
    /// <summary>Potassium activation gate.</summary>
    public float[] N { get; }
    /// <summary>Steps left in which no spike is detected.</summary>
    public float[] RefractoryCountdown { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <inheritdoc/>
    public override bool CanUpdateRange => true;

    /// <summary>False forces exponential Euler through the per-neuron float64 path (the reference the SIMD kernel is tested against).</summary>
    internal bool UseSimd { get; set; } = true;

    /// <summary>Vector512 (true) or Vector256 (false) kernel; null picks Vector512 where accelerated. Tests force each width.</summary>
    internal bool? Wide { get; set; }

    /// <summary>Sets v = E_L and every gate to its steady state there; deterministic (the seed is unused).</summary>
    public override void Reset(ulong seed)
    {
        var p = Parameters;
        double v = p.EL;
        var r = new Rhs(p);
        r.Rates(v, out double am, out double bm, out double ah, out double bh, out double an, out double bn);
        Array.Fill(V, (float)v);
        Array.Fill(M, (float)(am / (am + bm)));
        Array.Fill(H, (float)(ah / (ah + bh)));
        Array.Fill(N, (float)(an / (an + bn)));
        Array.Clear(RefractoryCountdown);
        Array.Clear(InputCurrent); Array.Clear(InputConductance);
        Spikes.Clear();
    }

    /// <inheritdoc/>
    public override void Update(Clock clock) => Spikes.Count = UpdateRange(clock, 0, V.Length, Spikes.Indices);

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        if (end <= start) return 0;
        if (Method != OdeMethod.ExponentialEuler || !UseSimd) return UpdateRangeScalar(clock, start, end, spikes);
        var k = new Kernel(Parameters, clock.Dt);
        ref float v = ref MemoryMarshal.GetArrayDataReference(V);
        ref float m = ref MemoryMarshal.GetArrayDataReference(M);
        ref float h = ref MemoryMarshal.GetArrayDataReference(H);
        ref float n = ref MemoryMarshal.GetArrayDataReference(N);
        ref float c = ref MemoryMarshal.GetArrayDataReference(RefractoryCountdown);
        ref float ic = ref MemoryMarshal.GetArrayDataReference(InputCurrent);
        ref float gc = ref MemoryMarshal.GetArrayDataReference(InputConductance);
        bool wide = Wide ?? Vector512.IsHardwareAccelerated;
        int w = wide ? Vector512<float>.Count : Vector256<float>.Count;
        int count = 0, i = start;
        for (; i + w <= end; i += w)
        {
            uint bits = wide
                ? k.Step512(ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref m, i), ref Unsafe.Add(ref h, i), ref Unsafe.Add(ref n, i),
                    ref Unsafe.Add(ref c, i), ref Unsafe.Add(ref ic, i), ref Unsafe.Add(ref gc, i))
                : k.Step256(ref Unsafe.Add(ref v, i), ref Unsafe.Add(ref m, i), ref Unsafe.Add(ref h, i), ref Unsafe.Add(ref n, i),
                    ref Unsafe.Add(ref c, i), ref Unsafe.Add(ref ic, i), ref Unsafe.Add(ref gc, i));
            count = Emit(bits, i, spikes, count);
        }
        if (i < end) count = Tail(k, wide, i, end - i, spikes, count);
        return count;
    }

    /// <summary>
    /// The last partial vector goes through the same vector code on padded copies, so every neuron sees identical
    /// arithmetic whatever the chunking (thread count). Padding lanes are refractory and at rest, so they never spike.
    /// </summary>
    private int Tail(in Kernel k, bool wide, int t0, int len, Span<int> spikes, int count)
    {
        const int W = 16;
        Span<float> tv = stackalloc float[W], tm = stackalloc float[W], th = stackalloc float[W], tn = stackalloc float[W];
        Span<float> tc = stackalloc float[W], ti = stackalloc float[W], tg = stackalloc float[W];
        tv.Fill((float)Parameters.EL); tm.Fill(0.5f); th.Fill(0.5f); tn.Fill(0.5f); tc.Fill(1); ti.Clear(); tg.Clear();
        V.AsSpan(t0, len).CopyTo(tv); M.AsSpan(t0, len).CopyTo(tm); H.AsSpan(t0, len).CopyTo(th); N.AsSpan(t0, len).CopyTo(tn);
        RefractoryCountdown.AsSpan(t0, len).CopyTo(tc); InputCurrent.AsSpan(t0, len).CopyTo(ti); InputConductance.AsSpan(t0, len).CopyTo(tg);
        uint bits = wide
            ? k.Step512(ref tv[0], ref tm[0], ref th[0], ref tn[0], ref tc[0], ref ti[0], ref tg[0])
            : k.Step256(ref tv[0], ref tm[0], ref th[0], ref tn[0], ref tc[0], ref ti[0], ref tg[0]);
        bits &= (1u << len) - 1;
        tv[..len].CopyTo(V.AsSpan(t0)); tm[..len].CopyTo(M.AsSpan(t0)); th[..len].CopyTo(H.AsSpan(t0)); tn[..len].CopyTo(N.AsSpan(t0));
        tc[..len].CopyTo(RefractoryCountdown.AsSpan(t0));
        InputCurrent.AsSpan(t0, len).Clear(); InputConductance.AsSpan(t0, len).Clear();
        return Emit(bits, t0, spikes, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Emit(uint bits, int i0, Span<int> spikes, int count)
    {
        while (bits != 0)
        {
            spikes[count++] = i0 + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        return count;
    }

    /// <summary>Per-neuron float64 step through <see cref="OdeStepper"/>: every method, and the reference for the SIMD kernel.</summary>
    private int UpdateRangeScalar(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T, th = p.SpikeThreshold;
        int refSteps = ParameterCheck.RefractorySteps(p.Refractory, dt);
        bool level = p.SpikeWhileAboveThreshold;
        var sys = new Rhs(p);
        Span<double> y = stackalloc double[4];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(4)];
        float[] v = V, m = M, h = H, nn = N, cnt = RefractoryCountdown, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i];
            sys.G = gIn[i];
            double vOld = v[i];
            y[0] = vOld; y[1] = m[i]; y[2] = h[i]; y[3] = nn[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            v[i] = (float)y[0]; m[i] = (float)y[1]; h[i] = (float)y[2]; nn[i] = (float)y[3];
            iIn[i] = 0; gIn[i] = 0;
            bool refractory = cnt[i] > 0;
            if (refractory) cnt[i]--;
            if (!refractory && y[0] > th && (vOld <= th || level))
            {
                spikes[count++] = i;
                cnt[i] = Math.Max(0, refSteps - 1);
            }
        }
        return count;
    }

    /// <summary>The fused exponential-Euler step for one vector of neurons; constants in float, bound to dt.</summary>
    private readonly struct Kernel
    {
        private readonly float VT, GNa, GK, GL, ENa, EK, Drive, Dt, DtOverC, Threshold, RefAfterSpike;
        private readonly bool Level;

        public Kernel(TraubMilesParams p, double dt)
        {
            VT = (float)p.VT; GNa = (float)p.GNa; GK = (float)p.GKd; GL = (float)p.GL; ENa = (float)p.ENa; EK = (float)p.EK;
            Drive = (float)(p.GL * p.EL + p.BiasCurrent);
            Dt = (float)dt; DtOverC = (float)(dt / p.Cm); Threshold = (float)p.SpikeThreshold;
            RefAfterSpike = Math.Max(0, ParameterCheck.RefractorySteps(p.Refractory, dt) - 1);
            Level = p.SpikeWhileAboveThreshold;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Step512(ref float vRef, ref float mRef, ref float hRef, ref float nRef, ref float cRef, ref float iRef, ref float gRef)
        {
            var v = Vector512.LoadUnsafe(ref vRef);
            var m = Vector512.LoadUnsafe(ref mRef);
            var h = Vector512.LoadUnsafe(ref hRef);
            var n = Vector512.LoadUnsafe(ref nRef);
            var u = v - Vector512.Create(VT);
            // Rates (1/ms) at the step's start voltage, as the scalar Rhs.Rates; x/(e^x - 1) carries the removable singularities.
            var am = Vector512.Create(1.28f) * FastExp.XOverExpm1((Vector512.Create(13f) - u) * Vector512.Create(0.25f));
            var bm = Vector512.Create(1.4f) * FastExp.XOverExpm1((u - Vector512.Create(40f)) * Vector512.Create(0.2f));
            var ah = Vector512.Create(0.128f) * FastExp.Exp((Vector512.Create(17f) - u) * Vector512.Create(1f / 18));
            var bh = Vector512.Create(4f) / (Vector512<float>.One + FastExp.Exp((Vector512.Create(40f) - u) * Vector512.Create(0.2f)));
            var an = Vector512.Create(0.16f) * FastExp.XOverExpm1((Vector512.Create(15f) - u) * Vector512.Create(0.2f));
            var bn = Vector512.Create(0.5f) * FastExp.Exp((Vector512.Create(10f) - u) * Vector512.Create(0.025f));
            // Membrane: linear in v with the old gates and the step's input accumulators, dv/dt = (A - G v)/C.
            var n2 = n * n;
            var gNa = Vector512.Create(GNa) * (m * m * m * h);
            var gK = Vector512.Create(GK) * (n2 * n2);
            var a = Vector512.Create(Drive) + Vector512.LoadUnsafe(ref iRef) + gNa * Vector512.Create(ENa) + gK * Vector512.Create(EK);
            var g = Vector512.Create(GL) + gNa + gK + Vector512.LoadUnsafe(ref gRef);
            var vNew = v + Vector512.Create(DtOverC) * (a - g * v) * FastExp.Phi1(Vector512.Create(-DtOverC) * g);
            // One division for the three x_inf = alpha/(alpha + beta): each sum lies in about [0.1, 1e3] 1/ms, so the product is safe in float.
            var sm = am + bm;
            var sh = ah + bh;
            var sn = an + bn;
            var smh = sm * sh;
            var rAll = Vector512<float>.One / (smh * sn);
            var rmh = rAll * sn;
            Gate512(ref mRef, m, am * (rmh * sh), sm);
            Gate512(ref hRef, h, ah * (rmh * sm), sh);
            Gate512(ref nRef, n, an * (rAll * smh), sn);
            vNew.StoreUnsafe(ref vRef);
            Vector512<float>.Zero.StoreUnsafe(ref iRef);
            Vector512<float>.Zero.StoreUnsafe(ref gRef);
            // Refractory countdown, then detection by a non-refractory neuron: an upward crossing, or (Brian2's rule) v above threshold.
            var c = Vector512.LoadUnsafe(ref cRef);
            var refractory = Vector512.GreaterThan(c, Vector512<float>.Zero);
            c = Vector512.ConditionalSelect(refractory, c - Vector512<float>.One, c);
            var th = Vector512.Create(Threshold);
            var crossing = Level ? Vector512<float>.AllBitsSet : Vector512.LessThanOrEqual(v, th);
            var spike = Vector512.AndNot(Vector512.GreaterThan(vNew, th) & crossing, refractory);
            Vector512.ConditionalSelect(spike, Vector512.Create(RefAfterSpike), c).StoreUnsafe(ref cRef);
            return (uint)Vector512.ExtractMostSignificantBits(spike);
        }

        /// <summary>x(t + dt) = x_inf + (x - x_inf) e^(-dt s), s = alpha + beta > 0 for every v.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Gate512(ref float xRef, Vector512<float> x, Vector512<float> inf, Vector512<float> s)
        {
            var e = FastExp.Exp(Vector512.Create(-Dt) * s);
            Vector512.FusedMultiplyAdd(x - inf, e, inf).StoreUnsafe(ref xRef);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Step256(ref float vRef, ref float mRef, ref float hRef, ref float nRef, ref float cRef, ref float iRef, ref float gRef)
        {
            var v = Vector256.LoadUnsafe(ref vRef);
            var m = Vector256.LoadUnsafe(ref mRef);
            var h = Vector256.LoadUnsafe(ref hRef);
            var n = Vector256.LoadUnsafe(ref nRef);
            var u = v - Vector256.Create(VT);
            // Rates (1/ms) at the step's start voltage, as the scalar Rhs.Rates; x/(e^x - 1) carries the removable singularities.
            var am = Vector256.Create(1.28f) * FastExp.XOverExpm1((Vector256.Create(13f) - u) * Vector256.Create(0.25f));
            var bm = Vector256.Create(1.4f) * FastExp.XOverExpm1((u - Vector256.Create(40f)) * Vector256.Create(0.2f));
            var ah = Vector256.Create(0.128f) * FastExp.Exp((Vector256.Create(17f) - u) * Vector256.Create(1f / 18));
            var bh = Vector256.Create(4f) / (Vector256<float>.One + FastExp.Exp((Vector256.Create(40f) - u) * Vector256.Create(0.2f)));
            var an = Vector256.Create(0.16f) * FastExp.XOverExpm1((Vector256.Create(15f) - u) * Vector256.Create(0.2f));
            var bn = Vector256.Create(0.5f) * FastExp.Exp((Vector256.Create(10f) - u) * Vector256.Create(0.025f));
            // Membrane: linear in v with the old gates and the step's input accumulators, dv/dt = (A - G v)/C.
            var n2 = n * n;
            var gNa = Vector256.Create(GNa) * (m * m * m * h);
            var gK = Vector256.Create(GK) * (n2 * n2);
            var a = Vector256.Create(Drive) + Vector256.LoadUnsafe(ref iRef) + gNa * Vector256.Create(ENa) + gK * Vector256.Create(EK);
            var g = Vector256.Create(GL) + gNa + gK + Vector256.LoadUnsafe(ref gRef);
            var vNew = v + Vector256.Create(DtOverC) * (a - g * v) * FastExp.Phi1(Vector256.Create(-DtOverC) * g);
            // One division for the three x_inf = alpha/(alpha + beta): each sum lies in about [0.1, 1e3] 1/ms, so the product is safe in float.
            var sm = am + bm;
            var sh = ah + bh;
            var sn = an + bn;
            var smh = sm * sh;
            var rAll = Vector256<float>.One / (smh * sn);
            var rmh = rAll * sn;
            Gate256(ref mRef, m, am * (rmh * sh), sm);
            Gate256(ref hRef, h, ah * (rmh * sm), sh);
            Gate256(ref nRef, n, an * (rAll * smh), sn);
            vNew.StoreUnsafe(ref vRef);
            Vector256<float>.Zero.StoreUnsafe(ref iRef);
            Vector256<float>.Zero.StoreUnsafe(ref gRef);
            // Refractory countdown, then detection by a non-refractory neuron: an upward crossing, or (Brian2's rule) v above threshold.
            var c = Vector256.LoadUnsafe(ref cRef);
            var refractory = Vector256.GreaterThan(c, Vector256<float>.Zero);
            c = Vector256.ConditionalSelect(refractory, c - Vector256<float>.One, c);
            var th = Vector256.Create(Threshold);
            var crossing = Level ? Vector256<float>.AllBitsSet : Vector256.LessThanOrEqual(v, th);
            var spike = Vector256.AndNot(Vector256.GreaterThan(vNew, th) & crossing, refractory);
            Vector256.ConditionalSelect(spike, Vector256.Create(RefAfterSpike), c).StoreUnsafe(ref cRef);
            return Vector256.ExtractMostSignificantBits(spike);
        }

        /// <summary>x(t + dt) = x_inf + (x - x_inf) e^(-dt s), s = alpha + beta > 0 for every v.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Gate256(ref float xRef, Vector256<float> x, Vector256<float> inf, Vector256<float> s)
        {
            var e = FastExp.Exp(Vector256.Create(-Dt) * s);
            Vector256.FusedMultiplyAdd(x - inf, e, inf).StoreUnsafe(ref xRef);
        }
    }

    private struct Rhs : ILinearSplitSystem
    {
        private readonly double _c, _gNa, _gK, _gL, _eNa, _eK, _eL, _vt;
        public double I, G;

        public Rhs(TraubMilesParams p)
        {
            _c = p.Cm; _gNa = p.GNa; _gK = p.GKd; _gL = p.GL; _eNa = p.ENa; _eK = p.EK; _eL = p.EL; _vt = p.VT; I = 0; G = 0;
        }

        public readonly int Dimension => 4;

        public readonly void Rates(double v, out double am, out double bm, out double ah, out double bh, out double an, out double bn)
        {
            double u = v - _vt;
            am = 0.32 * 4.0 / ExponentialEuler.Phi1((13.0 - u) / 4.0);
            bm = 0.28 * 5.0 / ExponentialEuler.Phi1((u - 40.0) / 5.0);
            ah = 0.128 * Math.Exp((17.0 - u) / 18.0);
            bh = 4.0 / (1.0 + Math.Exp((40.0 - u) / 5.0));
            an = 0.032 * 5.0 / ExponentialEuler.Phi1((15.0 - u) / 5.0);
            bn = 0.5 * Math.Exp((10.0 - u) / 40.0);
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double v = y[0], m = y[1], h = y[2], n = y[3];
            Rates(v, out double am, out double bm, out double ah, out double bh, out double an, out double bn);
            double gna = _gNa * m * m * m * h, n2 = n * n, gk = _gK * n2 * n2;
            a[0] = (_gL * _eL + gna * _eNa + gk * _eK + I) / _c;
            b[0] = -(_gL + gna + gk + G) / _c;
            a[1] = am; b[1] = -(am + bm);
            a[2] = ah; b[2] = -(ah + bh);
            a[3] = an; b[3] = -(an + bn);
        }

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            Span<double> a = stackalloc double[4], b = stackalloc double[4];
            LinearSplit(t, y, a, b);
            for (int i = 0; i < 4; i++) dydt[i] = a[i] + b[i] * y[i];
        }
    }
}
