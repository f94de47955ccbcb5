using BrainSharp.Neurons;

namespace BrainSharp.Fitting;

/// <summary>
/// Generalized integrate-and-fire neuron of Mihalas &amp; Niebur (2009, Neural Comput 21:704-718), for fitting; the same
/// equations and integrator as the simulation neuron <see cref="GifNeuron"/>:
///
///   tau dV/dt = -(V - E_L) + R (I + I_1 + I_2)
///   dTheta/dt = a (V - E_L) - b (Theta - Theta_inf)
///   dI_j/dt = -k_j I_j
///   when V reaches Theta: I_j &lt;- R_j I_j + A_j, V &lt;- V_reset, Theta &lt;- max(Theta_reset, Theta)
///
/// Parameters (defaults: the paper's Table 1 tonic spiking, currents in pA with R = 0.02 GOhm): tau 20 ms, R 0.02 GOhm,
/// E_L -70 mV, V_reset -70 mV, Theta_inf -50 mV, Theta_reset -60 mV, a 0 /ms, b 0.01 /ms, k_1 0.2 /ms, k_2 0.02 /ms,
/// R_1 0, R_2 1, A_1 0 pA, A_2 0 pA. Initial state: V = E_L, Theta = Theta_inf, I_1 = I_2 = 0.
///
/// Integration: exponential Euler (each variable's linear equation solved exactly over the step with the others held
/// at the step start), as GifNeuron. With <c>interpolateSpikes</c> (the default) the crossing V = Theta is found inside
/// the step on that within-step solution (Newton's method), the reset happens there and the remainder of the step is
/// integrated from the reset state; the crossing time's parameter derivative comes from the implicit function theorem,
/// ds/dp = -(dg/dp)/(dg/ds), g = V - Theta. Without it, spikes are detected and reset at the end of the step as in GifNeuron.
/// </summary>
public sealed class GifTraceModel : TraceModel
{
    private static readonly ModelParameter[] Params =
    [
        new("tau", "ms", 20, "membrane time constant"),
        new("R", "GOhm", 0.02, "membrane resistance"),
        new("E_L", "mV", -70, "leak reversal potential"),
        new("V_reset", "mV", -70, "reset potential"),
        new("Theta_inf", "mV", -50, "threshold equilibrium"),
        new("Theta_reset", "mV", -60, "lower bound of the threshold after a spike"),
        new("a", "1/ms", 0, "threshold adaptation to V - E_L"),
        new("b", "1/ms", 0.01, "threshold relaxation rate"),
        new("k_1", "1/ms", 0.2, "decay rate of spike-induced current 1"),
        new("k_2", "1/ms", 0.02, "decay rate of spike-induced current 2"),
        new("R_1", "1", 0, "fraction of I_1 kept at a spike"),
        new("R_2", "1", 1, "fraction of I_2 kept at a spike"),
        new("A_1", "pA", 0, "increment of I_1 at a spike"),
        new("A_2", "pA", 0, "increment of I_2 at a spike"),
    ];

    /// <summary>A GIF fit model; <paramref name="interpolateSpikes"/>: see the class summary.</summary>
    public GifTraceModel(bool interpolateSpikes = true) { InterpolateSpikes = interpolateSpikes; }

    /// <summary>Whether crossings are located inside the step (differentiable spike times) or at its end (as GifNeuron).</summary>
    public bool InterpolateSpikes { get; }

    public override string Name => "gif";

    public override IReadOnlyList<ModelParameter> Parameters => Params;

    private struct Cell<T> where T : struct, IReal<T>
    {
        public T Tau, R, EL, VReset, ThInf, ThReset, A, B, K1, K2, R1, R2, A1, A2;
    }

    private struct State<T> where T : struct, IReal<T>
    {
        public T V, Th, I1, I2;
    }

    public override void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
    {
        if (p.Length != Params.Length) throw new ArgumentException($"{Name}: expected {Params.Length} parameter values, got {p.Length}.");
        if (v.Length != current.Length) throw new ArgumentException($"{Name}: output length {v.Length} differs from input length {current.Length}.");
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{Name}: dt must be positive (ms).");
        foreach (int j in (ReadOnlySpan<int>)[0, 1, 7, 8, 9])
            if (!(p[j].Value > 0) || !double.IsFinite(p[j].Value))
                throw new ArgumentOutOfRangeException(Params[j].Name, p[j].Value, $"{Name}: parameter {Params[j].Name} must be positive and finite, got {p[j].Value}.");
        var c = new Cell<T>
        {
            Tau = p[0], R = p[1], EL = p[2], VReset = p[3], ThInf = p[4], ThReset = p[5], A = p[6], B = p[7],
            K1 = p[8], K2 = p[9], R1 = p[10], R2 = p[11], A1 = p[12], A2 = p[13],
        };
        var s = new State<T> { V = c.EL, Th = c.ThInf, I1 = T.Constant(0), I2 = T.Constant(0) };
        // Decay factors over a whole step, computed once.
        T eTau = T.Exp(-dt / c.Tau), eB = T.Exp(-c.B * dt), e1 = T.Exp(-c.K1 * dt), e2 = T.Exp(-c.K2 * dt);
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = s.V;
            double i = current[k];
            var end = Advance(c, s, i, eTau, eB, e1, e2);
            if (!(end.V.Value > end.Th.Value)) { s = end; continue; }
            if (!InterpolateSpikes)
            {
                spikeTimes?.Add(T.Constant((k + 1) * dt));
                s = Reset(c, end);
                continue;
            }
            T pos = T.Constant(0);
            for (int guard = 0; guard < 4; guard++)
            {
                T h = dt - pos;
                if (guard > 0)
                {
                    end = Advance(c, s, i, h);
                    if (!(end.V.Value > end.Th.Value)) { s = end; break; }
                }
                double lo = 0, hi = h.Value, x;
                double g0 = s.V.Value - s.Th.Value;
                if (g0 >= 0) x = 0;
                else
                {
                    x = hi * (-g0) / (end.V.Value - end.Th.Value - g0);
                    for (int it = 0; it < 60; it++)
                    {
                        var sx = Advance(c, s, i, T.Constant(x));
                        double g = sx.V.Value - sx.Th.Value;
                        if (g > 0) hi = x; else lo = x;
                        double next = x - g / Slope(c, s, sx, i);
                        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
                        if (Math.Abs(next - x) <= 1e-15 * dt || hi - lo <= 1e-15 * dt) { x = next; break; }
                        x = next;
                    }
                }
                T hx = T.Constant(x);
                if (x > 0)
                {
                    // Implicit function theorem: one Newton step in T arithmetic carries the crossing time's derivatives.
                    var atX = Advance(c, s, i, hx);
                    double slope = Slope(c, s, atX, i);
                    if (slope > 0) hx = hx - (atX.V - atX.Th) / slope;
                    s = Advance(c, s, i, hx);
                }
                pos = pos + hx;
                spikeTimes?.Add(pos + k * dt);
                s = Reset(c, s);
                if (guard == 3) { s = Advance(c, s, i, dt - pos); break; }
            }
        }
    }

    private static State<T> Reset<T>(in Cell<T> c, in State<T> s) where T : struct, IReal<T>
        => new()
        {
            V = c.VReset,
            Th = s.Th.Value > c.ThReset.Value ? s.Th : c.ThReset,
            I1 = c.R1 * s.I1 + c.A1,
            I2 = c.R2 * s.I2 + c.A2,
        };

    // Exponential Euler over h from s: every variable relaxes exponentially towards its value at the step start's fixed point.
    private static State<T> Advance<T>(in Cell<T> c, in State<T> s, double i, T h) where T : struct, IReal<T>
        => Advance(c, s, i, T.Exp(-h / c.Tau), T.Exp(-c.B * h), T.Exp(-c.K1 * h), T.Exp(-c.K2 * h));

    private static State<T> Advance<T>(in Cell<T> c, in State<T> s, double i, T eTau, T eB, T e1, T e2) where T : struct, IReal<T>
    {
        T vInf = c.EL + c.R * (i + s.I1 + s.I2);
        T thInf = c.ThInf + c.A * (s.V - c.EL) / c.B;
        return new State<T>
        {
            V = vInf + (s.V - vInf) * eTau,
            Th = thInf + (s.Th - thInf) * eB,
            I1 = s.I1 * e1,
            I2 = s.I2 * e2,
        };
    }

    // d(V - Theta)/dt at x inside the step, with the exponential-Euler coefficients frozen at the segment start s0.
    private static double Slope<T>(in Cell<T> c, in State<T> s0, in State<T> sx, double i) where T : struct, IReal<T>
    {
        double vInf = c.EL.Value + c.R.Value * (i + s0.I1.Value + s0.I2.Value);
        double thInf = c.ThInf.Value + c.A.Value * (s0.V.Value - c.EL.Value) / c.B.Value;
        return (vInf - sx.V.Value) / c.Tau.Value - c.B.Value * (thInf - sx.Th.Value);
    }
}
