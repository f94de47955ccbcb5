// Wilson-Cowan excitatory-inhibitory rate model; each of the Size units is one E-I pair.
//
//   tau_E dE/dt = -E + (1 - r_E E) S_E(w_EE E - w_EI I + P + input_E)
//   tau_I dI/dt = -I + (1 - r_I I) S_I(w_IE E - w_II I + Q + input_I)
//   S_X(x) = 1 / (1 + exp(-a_X (x - theta_X)))
//   input_E = Input (cleared each step), input_I = InputI (cleared each step); Rate holds E.
//
// Parameters (WilsonCowanParams; Wilson & Cowan 1972, as BrainPy's WilsonCowanModel): tau_E = tau_I = 1 ms,
// a_E 1.2, theta_E 2.8, a_I 1, theta_I 4, w_EE 12, w_EI 4, w_IE 13, w_II 11, r_E = r_I = 1, P = Q = 0.
// E and I are dimensionless fractions of active cells. Default integrator: RK4.
//
// Source: Wilson H.R. & Cowan J.D. (1972) Excitatory and inhibitory interactions in localized populations of model
// neurons. Biophys J 12:1-24.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.RateModels;

/// <summary>Wilson-Cowan E-I rate model (Rate = E); see the file header.</summary>
public sealed class WilsonCowanModel : RateGroup
{
    private const string Model = nameof(WilsonCowanModel);
    private readonly StateVariable[] _states;

    /// <summary>Creates <paramref name="size"/> E-I pairs per batch element.</summary>
    public WilsonCowanModel(int size, WilsonCowanParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4)
        : base(Model, size, batch)
    {
        Parameters = parameters ?? new WilsonCowanParams();
        Parameters.Validate(Model);
        OdeStepper.Validate(Model, method);
        Method = method;
        I = new float[size * batch]; InputI = new float[size * batch];
        _states = [new StateVariable("e", "1", Rate), new StateVariable("i", "1", I)];
        Reset(0);
    }

    /// <summary>The parameters.</summary>
    public WilsonCowanParams Parameters { get; }
    /// <summary>The integration method.</summary>
    public OdeMethod Method { get; }
    /// <summary>Excitatory activity E (same array as <see cref="RateGroup.Rate"/>).</summary>
    public float[] E => Rate;
    /// <summary>Inhibitory activity I.</summary>
    public float[] I { get; }
    /// <summary>External drive to the inhibitory population for this step; cleared by Update.</summary>
    public float[] InputI { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>E = I = 0; deterministic.</summary>
    public override void Reset(ulong seed)
    {
        Array.Clear(Rate); Array.Clear(I); Array.Clear(Input); Array.Clear(InputI);
    }

    /// <inheritdoc/>
    public override void Update(Clock clock)
    {
        var sys = new Rhs { P = Parameters };
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] e = Rate, ii = I, inE = Input, inI = InputI;
        for (int k = 0; k < e.Length; k++)
        {
            sys.InE = inE[k]; sys.InI = inI[k];
            inE[k] = 0; inI[k] = 0;
            y[0] = e[k]; y[1] = ii[k];
            OdeStepper.Step(Method, ref sys, clock.T, y, clock.Dt, work);
            e[k] = (float)y[0]; ii[k] = (float)y[1];
        }
    }

    private struct Rhs : ILinearSplitSystem
    {
        public WilsonCowanParams P;
        public double InE, InI;
        public readonly int Dimension => 2;

        private readonly void Drives(ReadOnlySpan<double> y, out double se, out double si)
        {
            var p = P;
            se = 1 / (1 + Math.Exp(-p.GainE * (p.WEE * y[0] - p.WEI * y[1] + p.DriveE + InE - p.ThresholdE)));
            si = 1 / (1 + Math.Exp(-p.GainI * (p.WIE * y[0] - p.WII * y[1] + p.DriveI + InI - p.ThresholdI)));
        }

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            Drives(y, out double se, out double si);
            d[0] = (-y[0] + (1 - P.RefractoryE * y[0]) * se) / P.TauE;
            d[1] = (-y[1] + (1 - P.RefractoryI * y[1]) * si) / P.TauI;
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            // Leak and refractory factor are linear in the own variable given the sigmoid frozen at the step start.
            Drives(y, out double se, out double si);
            a[0] = se / P.TauE; b[0] = -(1 + P.RefractoryE * se) / P.TauE;
            a[1] = si / P.TauI; b[1] = -(1 + P.RefractoryI * si) / P.TauI;
        }
    }
}
