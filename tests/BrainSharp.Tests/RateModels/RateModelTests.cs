using BrainSharp.Dynamics;
using BrainSharp.RateModels;

namespace BrainSharp.Tests.RateModels;

public class RateModelTests
{
    private static void RunFor(DynamicalSystem s, double dt, double tEnd, Action? beforeStep = null)
    {
        var clock = new Clock(dt);
        for (long k = 0; k < (long)Math.Round(tEnd / dt); k++) { clock.Step = k; beforeStep?.Invoke(); s.Update(clock); }
    }

    private static double Bisect(Func<double, double> f, double a, double b)
    {
        for (int i = 0; i < 200; i++) { double m = 0.5 * (a + b); if (f(a) * f(m) <= 0) b = m; else a = m; }
        return 0.5 * (a + b);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void WilsonCowan_ConvergesToStableFixedPointFoundByNewton(double drive)
    {
        var p = new WilsonCowanParams { DriveE = drive };
        double S(double x, double a, double th) => 1 / (1 + Math.Exp(-a * (x - th)));
        (double, double) F(double e, double i) => (
            -e + (1 - e) * S(p.WEE * e - p.WEI * i + p.DriveE, p.GainE, p.ThresholdE),
            -i + (1 - i) * S(p.WIE * e - p.WII * i, p.GainI, p.ThresholdI));
        var m = new WilsonCowanModel(1, p);
        RunFor(m, 0.05, 200);
        // Newton from the simulated end point with a finite-difference Jacobian: converges to a root of the independent F.
        double e0 = m.E[0], i0 = m.I[0];
        for (int it = 0; it < 50; it++)
        {
            var (f1, f2) = F(e0, i0);
            const double h = 1e-7;
            var (a1, a2) = F(e0 + h, i0); var (b1, b2) = F(e0, i0 + h);
            double j11 = (a1 - f1) / h, j21 = (a2 - f2) / h, j12 = (b1 - f1) / h, j22 = (b2 - f2) / h;
            double det = j11 * j22 - j12 * j21;
            e0 -= (j22 * f1 - j12 * f2) / det; i0 -= (-j21 * f1 + j11 * f2) / det;
            if (it == 49)
            {
                Assert.True(j11 + j22 < 0 && det > 0, "the fixed point reached must be linearly stable");
            }
        }
        var (r1, r2) = F(e0, i0);
        Assert.True(Math.Abs(r1) + Math.Abs(r2) < 1e-12);
        Assert.Equal(e0, m.E[0], 1e-5);
        Assert.Equal(i0, m.I[0], 1e-5);
    }

    [Fact]
    public void ThresholdLinear_AllActiveFixedPointSolvesLinearSystem()
    {
        float[] w = [0.0f, 0.2f, -0.1f, 0.3f, 0.0f, 0.1f, -0.2f, 0.1f, 0.2f];
        double[] input = [10, 5, 8];
        // r* = (1 - W)^-1 I by Gaussian elimination.
        var a = new double[3, 4];
        for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) a[i, j] = (i == j ? 1 : 0) - w[i * 3 + j]; a[i, 3] = input[i]; }
        for (int c = 0; c < 3; c++)
            for (int r = 0; r < 3; r++)
                if (r != c) { double f = a[r, c] / a[c, c]; for (int k = 0; k < 4; k++) a[r, k] -= f * a[c, k]; }
        double[] rStar = [a[0, 3] / a[0, 0], a[1, 3] / a[1, 1], a[2, 3] / a[2, 2]];
        Assert.True(rStar.All(x => x > 0), "test premise: every unit active");
        var net = new ThresholdLinearNetwork(3, w);
        RunFor(net, 0.1, 500, () => { for (int i = 0; i < 3; i++) net.Input[i] = (float)input[i]; });
        for (int i = 0; i < 3; i++) Assert.Equal(rStar[i], net.Rate[i], 1e-3);
    }

    [Fact]
    public void ThresholdLinear_RectificationAndSaturation()
    {
        // Unit 0 is inhibited by unit 1 (weight -2): [5 - 2*10]_+ = 0. Unit 1 saturates at 8 Hz with r_max = 8.
        var net = new ThresholdLinearNetwork(2, [0f, -2f, 0f, 0f], new ThresholdLinearParams { MaxRate = 8 }, batch: 2);
        RunFor(net, 0.1, 300, () => { net.Input[0] = 5; net.Input[1] = 10; net.Input[2] = 5; net.Input[3] = 5; });
        Assert.Equal(0, net.Rate[0], 1e-5);
        Assert.Equal(8, net.Rate[1], 1e-4);
        // Batch element 1 sees different input through the same weights: [5 - 2*5]_+ = 0, 5.
        Assert.Equal(0, net.Rate[2], 1e-5);
        Assert.Equal(5, net.Rate[3], 1e-4);
        Assert.Throws<ArgumentException>(() => new ThresholdLinearNetwork(2, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdLinearNetwork(1, [0f], new ThresholdLinearParams { Tau = -1 }));
    }

    [Fact]
    public void FitzHughNagumoPopulation_FixedPointSolvesCubic()
    {
        var p = new FitzHughNagumoPopulationParams { Drive = -0.5 }; // x* < 0, where the rest point is stable
        double x = Bisect(v => -p.Alpha * v * v * v + p.Beta * v * v + p.Gamma * v - (v - p.Delta) / p.Epsilon + p.Drive, -3, 3);
        var m = new FitzHughNagumoPopulation(1, p);
        RunFor(m, 0.1, 1000);
        Assert.Equal(x, m.Rate[0], 1e-4);
        Assert.Equal((x - p.Delta) / p.Epsilon, m.Y[0], 1e-4);
    }

    [Fact]
    public void FitzHughNagumoPopulation_NoiseVarianceMatchesLyapunovSolution()
    {
        // Weak noise around the stable rest point x* = 0 (I = 0). For the Euler-Maruyama scheme on the linearization
        // z' = J z + noise, J = [[gamma, -1], [1/tau, -epsilon/tau]], the stationary covariance solves the discrete
        // Lyapunov equation S = A S A^T + diag(sigma^2 dt, 0) with A = 1 + J dt (exact for the scheme at any dt).
        var p = new FitzHughNagumoPopulationParams { NoiseSigma = 0.05 };
        const double dt = 0.1;
        double a11 = 1 + p.Gamma * dt, a12 = -dt, a21 = dt / p.Tau, a22 = 1 - p.Epsilon / p.Tau * dt;
        double s11 = 0, s12 = 0, s22 = 0;
        for (int it = 0; it < 200_000; it++)
        {
            double t11 = a11 * s11 + a12 * s12, t12 = a11 * s12 + a12 * s22, t21 = a21 * s11 + a22 * s12, t22 = a21 * s12 + a22 * s22;
            double n11 = t11 * a11 + t12 * a12 + p.NoiseSigma * p.NoiseSigma * dt, n12 = t11 * a21 + t12 * a22, n22 = t21 * a21 + t22 * a22;
            s11 = n11; s12 = n12; s22 = n22;
        }
        const int units = 60;
        var m = new FitzHughNagumoPopulation(units, p, seed: 9);
        RunFor(m, dt, 200);
        double sum2 = 0; long n = 0;
        var clock = new Clock(dt);
        for (long k = 0; k < 10_000; k++)
        {
            clock.Step = k; m.Update(clock);
            if (k % 20 == 0) { foreach (float v in m.Rate) sum2 += v * v; n += units; }
        }
        // About 1500 independent samples (correlation time ~40 ms): standard error near 3.7%; the seed is fixed.
        Assert.InRange(sum2 / n, 0.88 * s11, 1.12 * s11);
        // Same seed, same path.
        var m1 = new FitzHughNagumoPopulation(3, p, seed: 4); var m2 = new FitzHughNagumoPopulation(3, p, seed: 4);
        RunFor(m1, 0.1, 50); RunFor(m2, 0.1, 50);
        Assert.Equal(m1.Rate, m2.Rate);
    }

    [Fact]
    public void QifMeanField_WithoutCouplingMatchesAnalyticSteadyState()
    {
        var p = new QifMeanFieldParams { J = 0, Eta = 2 };
        double rStar = Math.Sqrt(p.Eta + Math.Sqrt(p.Eta * p.Eta + p.Delta * p.Delta)) / (Math.Sqrt(2) * Math.PI * p.Tau);
        double vStar = -p.Delta / (2 * Math.PI * p.Tau * rStar);
        var m = new QifMeanField(1, p);
        RunFor(m, 0.01, 500);
        Assert.Equal(rStar * 1000, m.Rate[0], 1e-3 * rStar * 1000);
        Assert.Equal(vStar, m.V[0], 1e-4);
    }

    [Fact]
    public void QifMeanField_BistableBranchesMatchSteadyStateEquation()
    {
        // Steady states solve F(r) = Delta^2 / (4 pi^2 tau^2 r^2) + eta + J tau r - (pi tau r)^2 = 0 (r in 1/ms, v = -Delta/(2 pi tau r)).
        var p = new QifMeanFieldParams();
        double F(double r) => p.Delta * p.Delta / (4 * Math.PI * Math.PI * p.Tau * p.Tau * r * r) + p.Eta + p.J * p.Tau * r - Math.Pow(Math.PI * p.Tau * r, 2);
        // Scan for sign changes: three roots (low focus, saddle, high node).
        var roots = new List<double>();
        double prev = 1e-5;
        for (double r = 2e-5; r < 1; r *= 1.01) { if (F(prev) * F(r) < 0) roots.Add(Bisect(F, prev, r)); prev = r; }
        Assert.Equal(3, roots.Count);
        var low = new QifMeanField(1, p);
        RunFor(low, 0.01, 1000);
        Assert.Equal(roots[0] * 1000, low.Rate[0], 1e-3 * roots[0] * 1000);
        var high = new QifMeanField(1, p);
        // A brief strong pulse switches it to the high-activity state, which persists.
        RunFor(high, 0.01, 1000, () => { if (high.Rate[0] < 100 && high.V[0] < 5) high.Input[0] = 20; });
        Assert.Equal(roots[2] * 1000, high.Rate[0], 1e-3 * roots[2] * 1000);
    }
}
