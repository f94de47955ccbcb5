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
//
// Sources: Traub R.D. & Miles R. (1991) Neuronal Networks of the Hippocampus, Cambridge UP;
// Brette R. et al. (2007) Simulation of networks of spiking neurons: a review of tools and strategies, J Comput Neurosci 23:349.
//
// Difference from Brian2: Brian2's threshold 'v > -20 mV' with refractory 3 ms fires whenever v is above threshold
// and the neuron is not refractory; here, by default, a spike needs an upward crossing. The two agree unless v stays
// above threshold for longer than the refractory period; SpikeWhileAboveThreshold = true selects Brian2's rule. Brian2's COBAHH leaves m, h, n at 0 initially; Reset puts them at
// their steady state for v = E_L (set the arrays after Reset to reproduce Brian2's start).
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

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
        M = new float[n]; H = new float[n]; N = new float[n]; RefractoryCountdown = new float[n];
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
    public override bool CanUpdateRange => true;

    /// <inheritdoc/>
    public override void Update(Clock clock) => Spikes.Count = UpdateRange(clock, 0, V.Length, Spikes.Indices);

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
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
