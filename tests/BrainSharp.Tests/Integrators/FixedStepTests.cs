using BrainSharp.Integrators;

namespace BrainSharp.Tests.Integrators;

public class FixedStepTests
{
    private const double Analytic = 0.904837418035960; // exp(-0.1): dv/dt = -v/tau, tau = 1000 ms, t = 100 ms

    private static double DecayError(OdeMethod method, double dt)
    {
        var sys = new AffineSystem { A = [0.0], B = [-1.0 / 1000.0] };
        Span<double> y = [1.0];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(1)];
        int steps = (int)Math.Round(100.0 / dt);
        for (int s = 0; s < steps; s++) OdeStepper.Step(method, ref sys, s * dt, y, dt, work);
        return Math.Abs(y[0] - Analytic) / Analytic;
    }

    [Fact]
    public void LinearDecay_ErrorSizesMatchBrian2Reference()
    {
        // reference-cases.md (Brian2 2.5.1, dt = 0.1 ms): exact 1e-13, Euler 5.0e-6, RK2 1.7e-10, RK4 1e-15.
        double euler = DecayError(OdeMethod.Euler, 0.1);
        Assert.InRange(euler, 4.5e-6, 5.5e-6);
        Assert.InRange(DecayError(OdeMethod.Midpoint, 0.1), 1.5e-10, 1.9e-10);
        Assert.InRange(DecayError(OdeMethod.Heun, 0.1), 1.5e-10, 1.9e-10);
        Assert.True(DecayError(OdeMethod.RungeKutta4, 0.1) < 1e-13);
        Assert.True(DecayError(OdeMethod.ExponentialEuler, 0.1) < 1e-13);
    }

    [Theory]
    [InlineData(OdeMethod.Euler, 1)]
    [InlineData(OdeMethod.Midpoint, 2)]
    [InlineData(OdeMethod.Heun, 2)]
    public void LinearDecay_HalvingDtShowsOrder(OdeMethod method, int order)
    {
        double e1 = DecayError(method, 0.2), e2 = DecayError(method, 0.1), e3 = DecayError(method, 0.05);
        double expected = Math.Pow(2, order);
        Assert.InRange(e1 / e2, 0.95 * expected, 1.05 * expected);
        Assert.InRange(e2 / e3, 0.95 * expected, 1.05 * expected);
    }

    private static double OscillatorError(OdeMethod method, double dt)
    {
        var sys = new HarmonicOscillatorSplit { W = 1.0 };
        Span<double> y = [1.0, 0.0];
        Span<double> work = stackalloc double[OdeStepper.WorkLength(2)];
        int steps = (int)Math.Round(10.0 / dt);
        for (int s = 0; s < steps; s++) OdeStepper.Step(method, ref sys, s * dt, y, dt, work);
        return Math.Max(Math.Abs(y[0] - Math.Cos(10.0)), Math.Abs(y[1] + Math.Sin(10.0)));
    }

    [Fact]
    public void RungeKutta4_FourthOrderOnHarmonicOscillator()
    {
        double e1 = OscillatorError(OdeMethod.RungeKutta4, 0.2);
        double e2 = OscillatorError(OdeMethod.RungeKutta4, 0.1);
        double e3 = OscillatorError(OdeMethod.RungeKutta4, 0.05);
        Assert.InRange(e1 / e2, 14.5, 17.5);
        Assert.InRange(e2 / e3, 14.5, 17.5);
        Assert.True(e2 < 1e-5);
    }

    [Fact]
    public void ExponentialEuler_ExactForAffineSystem()
    {
        // Constant A, B: exponential Euler must equal the closed form to rounding at any dt, even a stiff one.
        var sys = new AffineSystem { A = [2.0, -65.0 / 0.1, 0.0], B = [-0.3, -1.0 / 0.1, -1e-9] };
        double[] y0 = [5.0, 0.0, 3.0];
        Span<double> work = stackalloc double[ExponentialEuler.WorkLength(3)];
        foreach (double dt in new[] { 0.01, 0.1, 1.0 })
        {
            Span<double> y = [.. y0];
            int steps = (int)Math.Round(20.0 / dt);
            for (int s = 0; s < steps; s++) ExponentialEuler.Step(ref sys, s * dt, y, dt, work);
            for (int i = 0; i < 3; i++)
            {
                double exact = sys.Exact(i, y0[i], 20.0);
                Assert.True(Math.Abs(y[i] - exact) <= 1e-12 * Math.Max(1, Math.Abs(exact)), $"dt {dt}, var {i}: {y[i]} vs {exact}");
            }
        }
    }

    [Fact]
    public void Phi1_AccurateNearZero()
    {
        // Against the Taylor series 1 + z/2 + z^2/6 + z^3/24, which is exact to rounding for |z| <= 1e-4.
        foreach (double z in new[] { 1e-12, -3e-9, 1e-7, -2e-6, 5e-5, -1e-4 })
        {
            double series = 1 + z / 2 + z * z / 6 + z * z * z / 24;
            Assert.True(Math.Abs(ExponentialEuler.Phi1(z) - series) < 4e-16, $"z = {z}");
        }
        Assert.Equal((Math.Exp(2.0) - 1.0) / 2.0, ExponentialEuler.Phi1(2.0), 14);
    }
}

/// <summary>The oscillator with a (trivial) linear split so it can go through <see cref="OdeStepper"/>.</summary>
internal struct HarmonicOscillatorSplit : ILinearSplitSystem
{
    public double W;
    public readonly int Dimension => 2;
    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d) { d[0] = y[1]; d[1] = -W * W * y[0]; }
    public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
    {
        a[0] = y[1]; b[0] = 0; a[1] = -W * W * y[0]; b[1] = 0;
    }
}

