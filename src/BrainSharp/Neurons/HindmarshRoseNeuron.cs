// Hindmarsh-Rose bursting neuron (dimensionless; time in ms as in BrainPy).
//
//   dx/dt = y - a x^3 + b x^2 - z + I
//   dy/dt = c - d x^2 - y
//   dz/dt = r (s (x - x_r) - z)
//   I = BiasCurrent + InputCurrent - InputConductance * x   (dimensionless; V holds x); spike: upward crossing of SpikeThreshold
//
// Parameters (HindmarshRoseParams): a 1, b 3, c 1, d 5, r 0.01 /ms, s 4, x_r -1.6, threshold 1, bias 0.
// The slow variable z turns tonic spiking into bursts (I = 2: regular bursts of several spikes). Default integrator: RK4.
//
// Source: Hindmarsh J.L. & Rose R.M. (1984) A model of neuronal bursting using three coupled first order differential
// equations. Proc R Soc Lond B 221:87-102.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>Hindmarsh-Rose bursting neuron (dimensionless); see the file header.</summary>
public sealed class HindmarshRoseNeuron : OdeNeuronGroup<HindmarshRoseParams>
{
    private const string Model = nameof(HindmarshRoseNeuron);

    /// <summary>Creates <paramref name="size"/> units per batch element.</summary>
    public HindmarshRoseNeuron(int size, HindmarshRoseParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4)
        : base(Model, size, batch, parameters ?? new HindmarshRoseParams(), method)
    {
        AddState("x", "1", V);
        Y = AddState("y", "1");
        Z = AddState("z", "1");
        Reset(0);
    }

    /// <summary>Fast recovery variable y.</summary>
    public float[] Y { get; }
    /// <summary>Slow adaptation variable z.</summary>
    public float[] Z { get; }

    /// <summary>x = x_r, y = c - d x_r^2, z = 0; deterministic.</summary>
    protected override void ResetState(ulong seed)
    {
        var p = Parameters;
        Array.Fill(V, (float)p.XRest);
        Array.Fill(Y, (float)(p.C - p.D * p.XRest * p.XRest));
        Array.Clear(Z);
    }

    /// <inheritdoc/>
    public override int UpdateRange(Clock clock, int start, int end, Span<int> spikes)
    {
        int count = 0;
        var p = Parameters;
        double dt = clock.Dt, t = clock.T, th = p.SpikeThreshold;
        var sys = new Rhs { A = p.A, B = p.B, C = p.C, D = p.D, R = p.R, S = p.S, Xr = p.XRest };
        Span<double> y = stackalloc double[3];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(3)];
        float[] x = V, yy = Y, z = Z, iIn = InputCurrent, gIn = InputConductance;
        for (int i = start; i < end; i++)
        {
            sys.I = p.BiasCurrent + iIn[i]; sys.G = gIn[i];
            iIn[i] = 0; gIn[i] = 0;
            double xOld = x[i];
            y[0] = xOld; y[1] = yy[i]; y[2] = z[i];
            OdeStepper.Step(Method, ref sys, t, y, dt, work);
            x[i] = (float)y[0]; yy[i] = (float)y[1]; z[i] = (float)y[2];
            if (y[0] > th && xOld <= th) spikes[count++] = i;
        }
        return count;
    }

    private struct Rhs : ILinearSplitSystem
    {
        public double A, B, C, D, R, S, Xr, I, G;
        public readonly int Dimension => 3;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            double x = y[0];
            d[0] = y[1] - A * x * x * x + B * x * x - y[2] + I - G * x;
            d[1] = C - D * x * x - y[1];
            d[2] = R * (S * (x - Xr) - y[2]);
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            double x = y[0];
            b[0] = -3 * A * x * x + 2 * B * x - G;
            a[0] = y[1] - A * x * x * x + B * x * x - y[2] + I - G * x - b[0] * x;
            a[1] = C - D * x * x; b[1] = -1;
            a[2] = R * S * (x - Xr); b[2] = -R;
        }
    }
}
