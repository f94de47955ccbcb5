// Exact mean-field (firing rate) equations of a population of quadratic integrate-and-fire neurons with Lorentzian
// distributed excitabilities (Montbrio, Pazo & Roxin 2015).
//
//   tau dr/dt = Delta / (pi tau) + 2 r v
//   tau dv/dt = v^2 + eta + J tau r + I + Input - (pi tau r)^2
//
// r is the population rate (1/ms inside the equations; Rate reports Hz), v the mean membrane potential (dimensionless,
// units of the QIF normal form). Parameters (QifMeanFieldParams; the paper's Fig. 1-2 values): tau 10 ms, eta -5,
// Delta 1, J 15, drive 0 (eta, Delta, J, I in the paper's dimensionless units). These values are bistable: a
// low-activity focus and a high-activity node coexist. With J = 0 the steady state is
// r* = sqrt(eta + sqrt(eta^2 + Delta^2)) / (sqrt(2) pi tau), v* = -Delta / (2 pi tau r*). Default integrator: RK4.
//
// Source: Montbrio E., Pazo D. & Roxin A. (2015) Macroscopic description for networks of spiking neurons.
// Phys Rev X 5:021028.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.RateModels;

/// <summary>Montbrio-Pazo-Roxin QIF mean-field model (Rate in Hz); see the file header.</summary>
public sealed class QifMeanField : RateGroup
{
    private const string Model = nameof(QifMeanField);
    private readonly StateVariable[] _states;

    /// <summary>Creates <paramref name="size"/> populations per batch element.</summary>
    public QifMeanField(int size, QifMeanFieldParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4)
        : base(Model, size, batch)
    {
        Parameters = parameters ?? new QifMeanFieldParams();
        Parameters.Validate(Model);
        OdeStepper.Validate(Model, method);
        Method = method;
        V = new float[size * batch];
        _states = [new StateVariable("r", "Hz", Rate), new StateVariable("v", "1", V)];
        Reset(0);
    }

    /// <summary>The parameters.</summary>
    public QifMeanFieldParams Parameters { get; }
    /// <summary>The integration method.</summary>
    public OdeMethod Method { get; }
    /// <summary>Mean membrane potential v (dimensionless).</summary>
    public float[] V { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>r = 0, v = -2 (a low-activity start); deterministic.</summary>
    public override void Reset(ulong seed)
    {
        Array.Clear(Rate); Array.Fill(V, -2f); Array.Clear(Input);
    }

    /// <inheritdoc/>
    public override void Update(Clock clock)
    {
        var sys = new Rhs { P = Parameters };
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] r = Rate, v = V, input = Input;
        for (int k = 0; k < r.Length; k++)
        {
            sys.In = input[k]; input[k] = 0;
            y[0] = r[k] * 1e-3; y[1] = v[k];   // Hz -> 1/ms
            OdeStepper.Step(Method, ref sys, clock.T, y, clock.Dt, work);
            r[k] = (float)(y[0] * 1e3); v[k] = (float)y[1];
        }
    }

    private struct Rhs : ILinearSplitSystem
    {
        public QifMeanFieldParams P;
        public double In;
        public readonly int Dimension => 2;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            var p = P; double r = y[0], v = y[1], ptr = Math.PI * p.Tau * r;
            d[0] = (p.Delta / (Math.PI * p.Tau) + 2 * r * v) / p.Tau;
            d[1] = (v * v + p.Eta + p.J * p.Tau * r + p.Drive + In - ptr * ptr) / p.Tau;
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            var p = P; double r = y[0], v = y[1], ptr = Math.PI * p.Tau * r;
            a[0] = p.Delta / (Math.PI * p.Tau * p.Tau); b[0] = 2 * v / p.Tau;
            b[1] = 2 * v / p.Tau;
            a[1] = (v * v + p.Eta + p.J * p.Tau * r + p.Drive + In - ptr * ptr) / p.Tau - b[1] * v;
        }
    }
}
