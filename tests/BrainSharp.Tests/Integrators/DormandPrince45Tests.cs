using BrainSharp.Integrators;

namespace BrainSharp.Tests.Integrators;

public class DormandPrince45Tests
{
    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-7)]
    [InlineData(1e-10)]
    public void Logistic_MeetsTolerance(double rtol)
    {
        var sys = new Logistic { R = 0.5 };
        var solver = new DormandPrince45(rtol, rtol * 1e-3);
        double[] tOut = new double[41];
        for (int i = 0; i < tOut.Length; i++) tOut[i] = 0.5 * i;
        double[] yOut = new double[tOut.Length];
        Span<double> y = [0.01];
        solver.Integrate(ref sys, 0, y, tOut, yOut);
        double worst = 0;
        for (int i = 0; i < tOut.Length; i++)
            worst = Math.Max(worst, Math.Abs(yOut[i] - sys.Exact(0.01, tOut[i])) / sys.Exact(0.01, tOut[i]));
        // Local error control: the global error stays within a small multiple of the tolerance.
        Assert.True(worst < 20 * rtol, $"rtol {rtol}: worst relative error {worst}");
        Assert.Equal(sys.Exact(0.01, 20.0), y[0], 1e-3 * rtol + 20 * rtol * sys.Exact(0.01, 20.0));
    }

    [Fact]
    public void HarmonicOscillator_DenseOutputAndTighterToleranceHelps()
    {
        var sys = new HarmonicOscillator { W = 2.0 };
        double ErrorAt(double rtol, out int steps)
        {
            var solver = new DormandPrince45(rtol, rtol);
            double[] tOut = new double[200];
            for (int i = 0; i < tOut.Length; i++) tOut[i] = 0.1 * (i + 1) + 0.0371; // between steps: exercises dense output
            double[] yOut = new double[2 * tOut.Length];
            Span<double> y = [1.0, 0.0];
            solver.Integrate(ref sys, 0, y, tOut, yOut);
            steps = solver.AcceptedSteps;
            double worst = 0;
            for (int i = 0; i < tOut.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(yOut[2 * i] - Math.Cos(2 * tOut[i])));
                worst = Math.Max(worst, Math.Abs(yOut[2 * i + 1] + 2 * Math.Sin(2 * tOut[i])));
            }
            return worst;
        }
        double loose = ErrorAt(1e-5, out int nLoose), tight = ErrorAt(1e-9, out int nTight);
        Assert.True(loose < 2e-3, $"loose {loose}");
        Assert.True(tight < 2e-7, $"tight {tight}");
        Assert.True(tight < loose / 100);
        // 5th-order method: 1e4 tighter tolerance costs about 1e4^(1/5) = 6.3x more steps.
        Assert.InRange(nTight / (double)nLoose, 3.5, 10.0);
    }

    [Fact]
    public void StiffDecay_StepsAdaptAndRejectionsHappen()
    {
        // Fast transient then slow decay: the controller must shrink then grow the step.
        var sys = new AffineSystem { A = [0.0, 0.0], B = [-50.0, -0.01] };
        var solver = new DormandPrince45(1e-8, 1e-12);
        Span<double> y = [1.0, 1.0];
        solver.Integrate(ref sys, 0, y, 100.0);
        Assert.Equal(Math.Exp(-50.0 * 100.0), y[0], 1e-10);
        Assert.Equal(Math.Exp(-1.0), y[1], 1e-7);
        Assert.True(solver.AcceptedSteps < 5000, $"{solver.AcceptedSteps} steps");
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DormandPrince45(-1e-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DormandPrince45(1e-3, double.NaN));
        Assert.Throws<ArgumentException>(() => new DormandPrince45(0, 0));
        var sys = new Logistic { R = 1 };
        var solver = new DormandPrince45();
        double[] y = [0.5];
        Assert.Throws<ArgumentException>(() => solver.Integrate(ref sys, 0, y, [2.0, 1.0], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.Integrate(ref sys, 1.0, y, 0.0));
    }
}
