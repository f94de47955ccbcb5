// FitzHugh-Nagumo neuron (dimensionless; time in ms as in BrainPy).
//
//   dv/dt = v - v^3/3 - w + I
//   tau dw/dt = v + a - b w
//   I = BiasCurrent + InputCurrent - InputConductance * v  (dimensionless input; V holds the dimensionless v)
//   spike: upward crossing of SpikeThreshold
//
// Parameters (FitzHughNagumoParams): a 0.7, b 0.8, tau 12.5 ms, threshold 1, bias 0. The rest point solves
// v - v^3/3 - (v + a)/b + I = 0; for these values it loses stability (Hopf) near I = 0.33 and the model oscillates.
// Default integrator: RK4.
//
// Sources: FitzHugh R. (1961) Impulses and physiological states in theoretical models of nerve membrane.
// Biophys J 1:445-466; Nagumo J., Arimoto S. & Yoshizawa S. (1962) Proc IRE 50:2061-2070.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>FitzHugh-Nagumo neuron (dimensionless); see the file header.</summary>
public sealed class FitzHughNagumoNeuron : OdeNeuronGroup<FitzHughNagumoParams>
{
    private const string Model = nameof(FitzHughNagumoNeuron);

    /// <summary>Creates <paramref name="size"/> units per batch element.</summary>
    public FitzHughNagumoNeuron(int size, FitzHughNagumoParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4)
        : base(Model, size, batch, parameters ?? new FitzHughNagumoParams(), method)
    {
        AddState("v", "1", V);
        W = AddState("w", "1");
        Reset(0);
    }

    /// <summary>Recovery variable w.</summary>
    public float[] W { get; }

    /// <summary>v = w = 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        Array.Clear(V); Array.Clear(W);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T, th = p.SpikeThreshold;
        var sys = new Rhs { A = p.A, B = p.B, Tau = p.Tau };
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        float[] v = V, w = W, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double vOld = v[i];
            y[0] = vOld; y[1] = w[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            v[i] = (float)y[0]; w[i] = (float)y[1];
            if (y[0] > th && vOld <= th) spikes[count++] = i;
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public double A, B, Tau, I, G;
        public readonly int Dimension => 2;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            double v = y[0];
            d[0] = v - v * v * v / 3 - y[1] + I - G * v;
            d[1] = (v + A - B * y[1]) / Tau;
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double v = y[0];
            b[0] = 1 - v * v - G;
            a[0] = v - v * v * v / 3 - y[1] + I - G * v - b[0] * v;
            a[1] = (v + A) / Tau; b[1] = -B / Tau;
        }
    }
}
