namespace BrainSharp.Fitting;

/// <summary>
/// Traub-Miles Hodgkin-Huxley cell in the form of brian2modelfitting's HH tutorial and Brian2's COBAHH example
/// (Traub &amp; Miles 1991, as simplified by Destexhe et al. 1998 / Brette et al. 2007).
///
///   C dv/dt = g_L (E_L - v) - g_Na m^3 h (v - E_Na) - g_Kd n^4 (v - E_K) + I
///   dx/dt = alpha_x(v) (1 - x) - beta_x(v) x,  x in {m, n, h}    (rates in 1/ms, v in mV)
///   alpha_m = 0.32 (13 - v + V_T) / (exp((13 - v + V_T)/4) - 1)     beta_m = 0.28 (v - V_T - 40) / (exp((v - V_T - 40)/5) - 1)
///   alpha_n = 0.032 (15 - v + V_T) / (exp((15 - v + V_T)/5) - 1)    beta_n = 0.5 exp((10 - v + V_T)/40)
///   alpha_h = 0.128 exp((17 - v + V_T)/18)                           beta_h = 4 / (1 + exp((40 - v + V_T)/5))
///
/// Parameters (defaults for a 20000 um^2 cell, C_m 1 uF/cm^2): g_L, g_Na, g_Kd (nS), C (pF), E_L, E_K, E_Na, V_T (mV).
/// Initial state as in the tutorial: v = v0 (-65 mV), m = n = h = 0 (Brian2's default for unset variables).
/// Integration: exponential Euler with every right-hand side evaluated at the start of the step — Brian2's
/// `exponential_euler`, the method the tutorial fitted with.
/// As an <see cref="IConductanceBasedModel"/> (channels g_L/E_L, g_Na/E_Na with m^3 h, g_Kd/E_K with n^4) it offers the
/// data-driven conductance estimate of <see cref="ConductanceEstimate"/>.
/// </summary>
public sealed class TraubMilesTraceModel : TraceModel, IConductanceBasedModel
{
    private static readonly ModelParameter[] Params =
    [
        new("g_L", "nS", 10.0, "leak conductance (0.05 mS/cm^2 x 20000 um^2)"),
        new("g_Na", "nS", 20000.0, "maximal sodium conductance (100 mS/cm^2 x 20000 um^2)"),
        new("g_Kd", "nS", 6000.0, "maximal delayed-rectifier potassium conductance (30 mS/cm^2 x 20000 um^2)"),
        new("C", "pF", 200.0, "membrane capacitance (1 uF/cm^2 x 20000 um^2)"),
        new("E_L", "mV", -65.0, "leak reversal potential"),
        new("E_K", "mV", -90.0, "potassium reversal potential"),
        new("E_Na", "mV", 50.0, "sodium reversal potential"),
        new("V_T", "mV", -63.0, "threshold shift of the rate functions"),
        new("v0", "mV", -65.0, "initial membrane potential"),
    ];

    /// <summary>Upward crossing that counts as a spike, mV.</summary>
    public const double SpikeThreshold = -20.0;

    public override string Name => "traub-miles";

    public override IReadOnlyList<ModelParameter> Parameters => Params;

    public override void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
    {
        if (p.Length != Params.Length) throw new ArgumentException($"{Name}: expected {Params.Length} parameter values, got {p.Length}.");
        if (v.Length != current.Length) throw new ArgumentException($"{Name}: output length {v.Length} differs from input length {current.Length}.");
        T gL = p[0], gNa = p[1], gKd = p[2], c = p[3], eL = p[4], eK = p[5], eNa = p[6], vT = p[7];
        T invC = 1.0 / c;
        T vm = p[8];
        T m = T.Constant(0), n = T.Constant(0), h = T.Constant(0);
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = vm;
            Rates(vT - vm, out T am, out T bm, out T an, out T bn, out T ah, out T bh);

            T gna = gNa * (m * m * m) * h;
            T n2 = n * n;
            T gkd = gKd * (n2 * n2);
            T b = (gL + gna + gkd) * invC;
            T a = (gL * eL + gna * eNa + gkd * eK + current[k]) * invC;
            T vInf = a / b;
            T vNext = vInf + (vm - vInf) * T.Exp(-dt * b);
            // A spike is an upward crossing of -20 mV (Brian2's COBAHH threshold), timed by linear interpolation.
            if (spikeTimes != null && vm.Value <= SpikeThreshold && vNext.Value > SpikeThreshold)
                spikeTimes.Add((k + (SpikeThreshold - vm) / (vNext - vm)) * dt);
            vm = vNext;

            m = Gate(m, am, bm, dt);
            n = Gate(n, an, bn, dt);
            h = Gate(h, ah, bh, dt);
        }
    }

    /// <summary>Capacitance parameter of <see cref="IConductanceBasedModel"/>: "C".</summary>
    public string CapacitanceParameter => "C";

    /// <summary>v advances by exponential Euler (see the class summary).</summary>
    public bool ExponentialEuler => true;

    private static readonly (string, string)[] ChannelList = [("g_L", "E_L"), ("g_Na", "E_Na"), ("g_Kd", "E_K")];

    /// <summary>Leak (open fraction 1), sodium (m^3 h) and delayed-rectifier potassium (n^4).</summary>
    public IReadOnlyList<(string Conductance, string Reversal)> Channels => ChannelList;

    /// <summary>Open fractions 1, m^3 h, n^4 along a recorded voltage, with the gates of <see cref="Simulate{T}"/> (same initial state and update).</summary>
    public void OpenFractions(ReadOnlySpan<double> p, ReadOnlySpan<double> voltage, double dt, Span<double> open)
    {
        if (p.Length != Params.Length) throw new ArgumentException($"{Name}: expected {Params.Length} parameter values, got {p.Length}.");
        int n = voltage.Length;
        if (open.Length < 3 * n) throw new ArgumentException($"{Name}: open-fraction buffer holds {open.Length} values, needs {3 * n}.");
        var vT = new Real(p[7]);
        Real m = Real.Constant(0), nn = Real.Constant(0), h = Real.Constant(0);
        for (int k = 0; k < n; k++)
        {
            open[k] = 1.0;
            open[n + k] = (m * m * m * h).Value;
            Real n2 = nn * nn;
            open[2 * n + k] = (n2 * n2).Value;
            Rates(vT - new Real(voltage[k]), out Real am, out Real bm, out Real an, out Real bn, out Real ah, out Real bh);
            m = Gate(m, am, bm, dt);
            nn = Gate(nn, an, bn, dt);
            h = Gate(h, ah, bh, dt);
        }
    }

    // Opening and closing rates (1/ms) at u = V_T - v (mV).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Rates<T>(T u, out T am, out T bm, out T an, out T bn, out T ah, out T bh) where T : struct, IReal<T>
    {
        am = 1.28 * T.XOverExpm1((u + 13.0) / 4.0);
        bm = 1.4 * T.XOverExpm1((-u - 40.0) / 5.0);
        an = 0.16 * T.XOverExpm1((u + 15.0) / 5.0);
        bn = 0.5 * T.Exp((u + 10.0) / 40.0);
        ah = 0.128 * T.Exp((u + 17.0) / 18.0);
        bh = 4.0 / (T.Exp((u + 40.0) / 5.0) + 1.0);
    }

    // x(t+dt) = x_inf + (x - x_inf) exp(-dt (alpha + beta)): exact for the gate's linear ODE with v held fixed.
    private static T Gate<T>(T x, T alpha, T beta, double dt) where T : struct, IReal<T>
    {
        T s = alpha + beta;
        T xInf = alpha / s;
        return xInf + (x - xInf) * T.Exp(-dt * s);
    }
}
