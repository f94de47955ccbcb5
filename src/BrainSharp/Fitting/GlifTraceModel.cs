using BrainSharp.Neurons;

namespace BrainSharp.Fitting;

/// <summary>
/// Allen Institute generalized leaky integrate-and-fire models GLIF1-5 (Teeter et al. 2018, Nat Commun 9:709), for
/// fitting; the same equations as the simulation neuron <see cref="GlifNeuron"/>:
///
///   C dV/dt = I + I_1 + I_2 - G (V - E_L)                     (I_j at levels 3-5)
///   dI_j/dt = -k_j I_j                                          (after-spike currents)
///   dTheta_s/dt = -b_s Theta_s                                  (levels 2, 4, 5)
///   dTheta_v/dt = a_v (V - E_L) - b_v Theta_v                   (level 5; V taken at the start of each step)
///   spike when V reaches Theta_inf + Theta_s + Theta_v; then
///     levels 1, 3: V &lt;- V_reset;  levels 2, 4, 5: V &lt;- E_L + f_v (V_spike - E_L) + delta_V
///     Theta_s &lt;- Theta_s + delta_Theta_s;  I_j &lt;- f_j I_j + delta_I_j;  V is held for t_ref.
///
/// Parameters (defaults: NEST's glif_psc, a fitted mouse cortical cell): C 58.72 pF, G 9.43 nS, E_L -78.85 mV,
/// Theta_inf -51.68 mV, t_ref 3.75 ms; V_reset -78.85 mV (levels 1, 3); delta_Theta_s 0.37 mV, b_s 0.009 /ms,
/// f_v 0.20, delta_V 18.51 mV (levels 2, 4, 5); k_1 0.003 /ms, k_2 0.1 /ms, delta_I_1 -9.18 pA, delta_I_2 -198.94 pA,
/// f_1 = f_2 = 1 (levels 3-5); a_v 0.005 /ms, b_v 0.09 /ms (level 5). Initial state: V = E_L, every other variable 0.
///
/// Between spikes every variable is integrated exactly for the step's constant input (V with the decaying after-spike
/// currents in closed form). With <c>interpolateSpikes</c> (the default) the threshold crossing is located inside the
/// step on that exact solution (Newton's method), the reset happens there and the hold lasts exactly t_ref, so spike
/// times and post-spike states are differentiable in the parameters: the crossing time's derivative follows from the
/// implicit function theorem, ds/dp = -(dg/dp)/(dg/ds) with g = V - Theta. Without it the model reproduces the
/// step-aligned <see cref="GlifNeuron"/> (spike at the end of the step, V_spike = V at the step start, t_ref rounded
/// to whole steps), the second implementation that the tests hold it to.
/// </summary>
public sealed class GlifTraceModel : TraceModel
{
    private readonly ModelParameter[] _params;
    // Index of each parameter in _params, -1 where the level lacks it.
    private readonly int _c, _g, _eL, _thInf, _tRef, _vReset, _dThS, _bS, _fV, _dV, _k1, _k2, _dI1, _dI2, _f1, _f2, _aV, _bV;

    /// <summary>A GLIF fit model of <paramref name="level"/>; <paramref name="interpolateSpikes"/>: see the class summary.</summary>
    public GlifTraceModel(GlifLevel level, bool interpolateSpikes = true)
    {
        if (!Enum.IsDefined(level)) throw new ArgumentOutOfRangeException(nameof(level), level, $"glif: level must be 1-5, got {(int)level}.");
        Level = level; InterpolateSpikes = interpolateSpikes;
        var list = new List<ModelParameter>();
        int Add(string name, string unit, double def, string desc) { list.Add(new(name, unit, def, desc)); return list.Count - 1; }
        _c = Add("C", "pF", 58.72, "membrane capacitance");
        _g = Add("G", "nS", 9.43, "membrane conductance");
        _eL = Add("E_L", "mV", -78.85, "resting potential");
        _thInf = Add("Theta_inf", "mV", -51.68, "instantaneous threshold");
        _tRef = Add("t_ref", "ms", 3.75, "refractory period (V held)");
        _vReset = _dThS = _bS = _fV = _dV = _k1 = _k2 = _dI1 = _dI2 = _f1 = _f2 = _aV = _bV = -1;
        if (!HasResetRules) _vReset = Add("V_reset", "mV", -78.85, "reset potential");
        else
        {
            _dThS = Add("delta_Theta_s", "mV", 0.37, "threshold jump per spike");
            _bS = Add("b_s", "1/ms", 0.009, "decay rate of the spike-induced threshold");
            _fV = Add("f_v", "1", 0.20, "voltage reset fraction");
            _dV = Add("delta_V", "mV", 18.51, "voltage reset addition");
        }
        if (HasAsc)
        {
            _k1 = Add("k_1", "1/ms", 0.003, "decay rate of after-spike current 1");
            _k2 = Add("k_2", "1/ms", 0.1, "decay rate of after-spike current 2");
            _dI1 = Add("delta_I_1", "pA", -9.18, "increment of after-spike current 1");
            _dI2 = Add("delta_I_2", "pA", -198.94, "increment of after-spike current 2");
            _f1 = Add("f_1", "1", 1.0, "fraction of after-spike current 1 kept at a spike");
            _f2 = Add("f_2", "1", 1.0, "fraction of after-spike current 2 kept at a spike");
        }
        if (HasVoltageThreshold)
        {
            _aV = Add("a_v", "1/ms", 0.005, "coupling of the threshold to V - E_L");
            _bV = Add("b_v", "1/ms", 0.09, "decay rate of the voltage-dependent threshold");
        }
        _params = [.. list];
    }

    /// <summary>Which of GLIF1-5.</summary>
    public GlifLevel Level { get; }

    /// <summary>Whether crossings are located inside the step (differentiable spike times) or at its end (as GlifNeuron).</summary>
    public bool InterpolateSpikes { get; }

    private bool HasResetRules => Level is GlifLevel.LifR or GlifLevel.LifRAsc or GlifLevel.LifRAscA;
    private bool HasAsc => Level >= GlifLevel.LifAsc;
    private bool HasVoltageThreshold => Level == GlifLevel.LifRAscA;

    public override string Name => $"glif{(int)Level}";

    public override IReadOnlyList<ModelParameter> Parameters => _params;

    // Everything a step needs, as T so that fitted parameters carry their derivatives.
    private struct Cell<T> where T : struct, IReal<T>
    {
        public T C, G, EL, ThInf, VReset, DThS, BS, FV, DV, K1, K2, DI1, DI2, F1, F2, AV, BV, Rate;
        public bool Rules, Asc, Vth;
    }

    // State of the cell at some instant; V0 is V at the start of the current step (Theta_v is exponential Euler in it).
    private struct State<T> where T : struct, IReal<T>
    {
        public T V, ThS, ThV, I1, I2;
    }

    public override void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
    {
        if (p.Length != _params.Length) throw new ArgumentException($"{Name}: expected {_params.Length} parameter values, got {p.Length}.");
        if (v.Length != current.Length) throw new ArgumentException($"{Name}: output length {v.Length} differs from input length {current.Length}.");
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{Name}: dt must be positive (ms).");
        var c = new Cell<T>
        {
            C = p[_c], G = p[_g], EL = p[_eL], ThInf = p[_thInf], VReset = (_vReset >= 0 ? p[_vReset] : T.Constant(0)),
            DThS = (_dThS >= 0 ? p[_dThS] : T.Constant(0)), BS = (_bS >= 0 ? p[_bS] : T.Constant(0)), FV = (_fV >= 0 ? p[_fV] : T.Constant(0)), DV = (_dV >= 0 ? p[_dV] : T.Constant(0)),
            K1 = (_k1 >= 0 ? p[_k1] : T.Constant(1)), K2 = (_k2 >= 0 ? p[_k2] : T.Constant(1)), DI1 = (_dI1 >= 0 ? p[_dI1] : T.Constant(0)), DI2 = (_dI2 >= 0 ? p[_dI2] : T.Constant(0)), F1 = (_f1 >= 0 ? p[_f1] : T.Constant(0)), F2 = (_f2 >= 0 ? p[_f2] : T.Constant(0)),
            AV = (_aV >= 0 ? p[_aV] : T.Constant(0)), BV = (_bV >= 0 ? p[_bV] : T.Constant(1)), Rules = HasResetRules, Asc = HasAsc, Vth = HasVoltageThreshold,
        };
        Check("C", c.C.Value, positive: true); Check("G", c.G.Value, positive: true); Check("t_ref", p[_tRef].Value, positive: false);
        if (c.Rules) Check("b_s", c.BS.Value, positive: false);
        if (c.Asc) { Check("k_1", c.K1.Value, positive: true); Check("k_2", c.K2.Value, positive: true); }
        if (c.Vth) Check("b_v", c.BV.Value, positive: true);
        c.Rate = c.G / c.C;
        if (InterpolateSpikes) SimulateInterpolated(c, p[_tRef], current, dt, v, spikeTimes);
        else SimulateStepAligned(c, p[_tRef].Value, current, dt, v, spikeTimes);
    }

    private void Check(string name, double value, bool positive)
    {
        if (!double.IsFinite(value) || (positive ? !(value > 0) : !(value >= 0)))
            throw new ArgumentOutOfRangeException(name, value, $"{Name}: parameter {name} must be {(positive ? "positive" : "non-negative")} and finite, got {value}.");
    }

    // Decay factors over a duration h: computed once for a whole step dt, afresh for the partial steps around spikes.
    private struct Factors<T> where T : struct, IReal<T>
    {
        public T Er, ES, EV, GainV, EK1, EK2, Kern1, Kern2;
    }

    private static Factors<T> FactorsFor<T>(in Cell<T> c, T h) where T : struct, IReal<T>
    {
        var f = new Factors<T> { Er = T.Exp(-c.Rate * h) };
        if (c.Rules) f.ES = T.Exp(-c.BS * h);
        if (c.Vth) { f.EV = T.Exp(-c.BV * h); f.GainV = c.AV / c.BV * (1.0 - f.EV); }
        if (c.Asc)
        {
            f.EK1 = T.Exp(-c.K1 * h); f.EK2 = T.Exp(-c.K2 * h);
            // (e^{-k h} - e^{-r h}) / (r - k) / C: V's response to a unit after-spike current over h, with its r = k limit.
            f.Kern1 = Kernel(c.Rate, c.K1, f.Er, f.EK1, h) / c.C;
            f.Kern2 = Kernel(c.Rate, c.K2, f.Er, f.EK2, h) / c.C;
        }
        return f;
    }

    private static T Kernel<T>(T rate, T k, T er, T ek, T h) where T : struct, IReal<T>
    {
        T diff = rate - k;
        return Math.Abs(diff.Value * h.Value) < 1e-9 ? h * ek : (ek - er) / diff;
    }

    /// <summary>Exact evolution of the free (not held) cell over the duration of <paramref name="f"/> with constant input i.</summary>
    private static State<T> Free<T>(in Cell<T> c, in Factors<T> f, in State<T> s, T v0, double i) where T : struct, IReal<T>
    {
        var r = Held(c, f, s, v0);
        T vInf = c.EL + i / c.G;
        r.V = vInf + (s.V - vInf) * f.Er;
        if (c.Asc) r.V = r.V + s.I1 * f.Kern1 + s.I2 * f.Kern2;
        return r;
    }

    private static State<T> Free<T>(in Cell<T> c, in State<T> s, T v0, double i, T h) where T : struct, IReal<T>
        => Free(c, FactorsFor(c, h), s, v0, i);

    /// <summary>Evolution with V held (refractory): only the threshold components and currents move.</summary>
    private static State<T> Held<T>(in Cell<T> c, in Factors<T> f, in State<T> s, T v0) where T : struct, IReal<T>
    {
        var r = s;
        if (c.Rules) r.ThS = s.ThS * f.ES;
        if (c.Vth) r.ThV = s.ThV * f.EV + f.GainV * (v0 - c.EL);
        if (c.Asc) { r.I1 = s.I1 * f.EK1; r.I2 = s.I2 * f.EK2; }
        return r;
    }

    private static State<T> Held<T>(in Cell<T> c, in State<T> s, T v0, T h) where T : struct, IReal<T>
        => Held(c, FactorsFor(c, h), s, v0);

    private static T Threshold<T>(in Cell<T> c, in State<T> s) where T : struct, IReal<T>
    {
        T th = c.ThInf;
        if (c.Rules) th = th + s.ThS;
        if (c.Vth) th = th + s.ThV;
        return th;
    }

    // d(V - Theta)/dt at state s: the crossing function's slope, for Newton's method and the implicit-function derivative.
    private static double Slope<T>(in Cell<T> c, in State<T> s, T v0, double i) where T : struct, IReal<T>
    {
        double iTot = i + (c.Asc ? s.I1.Value + s.I2.Value : 0);
        double dv = (iTot - c.G.Value * (s.V.Value - c.EL.Value)) / c.C.Value;
        double dth = 0;
        if (c.Rules) dth -= c.BS.Value * s.ThS.Value;
        if (c.Vth) dth += c.AV.Value * (v0.Value - c.EL.Value) - c.BV.Value * s.ThV.Value;
        return dv - dth;
    }

    private static void Spike<T>(in Cell<T> c, ref State<T> s, T vSpike) where T : struct, IReal<T>
    {
        s.V = c.Rules ? c.EL + c.FV * (vSpike - c.EL) + c.DV : c.VReset;
        if (c.Rules) s.ThS = s.ThS + c.DThS;
        if (c.Asc) { s.I1 = c.F1 * s.I1 + c.DI1; s.I2 = c.F2 * s.I2 + c.DI2; }
    }

    private static void SimulateInterpolated<T>(in Cell<T> c, T tRef, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes)
        where T : struct, IReal<T>
    {
        var s = new State<T> { V = c.EL, ThS = T.Constant(0), ThV = T.Constant(0), I1 = T.Constant(0), I2 = T.Constant(0) };
        T refLeft = T.Constant(0);
        var full = FactorsFor(c, T.Constant(dt));
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = s.V;
            double i = current[k];
            T v0 = s.V;
            if (refLeft.Value >= dt)
            {
                s = Held(c, full, s, v0);
                refLeft = refLeft - dt;
                continue;
            }
            T pos = T.Constant(0);
            if (refLeft.Value > 0) { s = Held(c, s, v0, refLeft); pos = refLeft; refLeft = T.Constant(0); }
            // At most a few spikes per step (t_ref = 0 and a reset above threshold would otherwise loop forever).
            for (int guard = 0; guard < 4; guard++)
            {
                T h = dt - pos;
                var end = pos.Value == 0 ? Free(c, full, s, v0, i) : Free(c, s, v0, i, h);
                if (!(end.V.Value > Threshold(c, end).Value)) { s = end; break; }
                // Newton's method on g(x) = V(x) - Theta(x), safeguarded by the bracket [lo, hi] with g(lo) <= 0 < g(hi).
                double lo = 0, hi = h.Value, x = hi;
                double g0 = s.V.Value - Threshold(c, s).Value;
                if (g0 >= 0) x = 0;
                else
                {
                    x = hi * (-g0) / (end.V.Value - Threshold(c, end).Value - g0);
                    for (int it = 0; it < 60; it++)
                    {
                        var sx = Free(c, s, v0, i, T.Constant(x));
                        double g = sx.V.Value - Threshold(c, sx).Value;
                        if (g > 0) hi = x; else lo = x;
                        double dg = Slope(c, sx, v0, i);
                        double next = x - g / dg;
                        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
                        if (Math.Abs(next - x) <= 1e-15 * dt || hi - lo <= 1e-15 * dt) { x = next; break; }
                        x = next;
                    }
                }
                // Implicit function theorem: one Newton step taken in T arithmetic gives x its parameter derivatives.
                var atX = Free(c, s, v0, i, T.Constant(x));
                T gT = atX.V - Threshold(c, atX);
                double slope = Slope(c, atX, v0, i);
                T hx = x > 0 && slope > 0 ? T.Constant(x) - gT / slope : T.Constant(x);
                s = x > 0 ? Free(c, s, v0, i, hx) : s;
                pos = pos + hx;
                spikeTimes?.Add(pos + k * dt);
                Spike(c, ref s, x > 0 ? Threshold(c, s) : s.V);
                T rest = dt - pos;
                if (tRef.Value >= rest.Value)
                {
                    s = Held(c, s, v0, rest);
                    refLeft = tRef - rest;
                    break;
                }
                s = Held(c, s, v0, tRef);
                pos = pos + tRef;
            }
        }
    }

    private static void SimulateStepAligned<T>(in Cell<T> c, double tRef, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes)
        where T : struct, IReal<T>
    {
        int refSteps = (int)Math.Round(tRef / dt);
        var s = new State<T> { V = c.EL, ThS = T.Constant(0), ThV = T.Constant(0), I1 = T.Constant(0), I2 = T.Constant(0) };
        var full = FactorsFor(c, T.Constant(dt));
        int countdown = 0;
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = s.V;
            T v0 = s.V;
            if (countdown > 0)
            {
                countdown--;
                s = Held(c, full, s, v0);
                continue;
            }
            s = Free(c, full, s, v0, current[k]);
            if (s.V.Value > Threshold(c, s).Value)
            {
                spikeTimes?.Add(T.Constant((k + 1) * dt));
                Spike(c, ref s, v0);
                countdown = Math.Max(0, refSteps - 1);
            }
        }
    }
}
