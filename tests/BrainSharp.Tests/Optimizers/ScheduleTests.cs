using BrainSharp.Optimizers;

namespace BrainSharp.Tests.Optimizers;

/// <summary>Closed-form schedules against PyTorch's recursive (chainable) definitions and hand values.</summary>
public class ScheduleTests
{
    private static void AssertRel(double expected, double actual, double tol, string what)
        => Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1e-300, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void StepDecayMatchesRecursion()
    {
        var s = new StepDecay(0.1, stepSize: 3, gamma: 0.5);
        double lr = 0.1;
        for (int e = 0; e <= 40; e++)
        {
            if (e > 0 && e % 3 == 0) lr *= 0.5; // torch StepLR.get_lr
            AssertRel(lr, s.At(e), 1e-14, $"epoch {e}");
        }
        Assert.Equal(0.1, s.At(2));
        Assert.Equal(0.05, s.At(3));
    }

    [Fact]
    public void MultiStepDecayHandValues()
    {
        var s = new MultiStepDecay(1.0, [3, 7], 0.1);
        double[] expected = [1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01];
        for (int e = 0; e < expected.Length; e++) AssertRel(expected[e], s.At(e), 1e-14, $"epoch {e}");
        Assert.Throws<ArgumentException>(() => new MultiStepDecay(1, [5, 5]));
    }

    [Fact]
    public void ExponentialDecayMatchesRecursion()
    {
        var s = new ExponentialDecay(0.2, 0.95);
        double lr = 0.2;
        for (int e = 0; e <= 100; e++)
        {
            if (e > 0) lr *= 0.95;
            AssertRel(lr, s.At(e), 1e-12, $"epoch {e}");
        }
    }

    [Fact]
    public void CosineAnnealingMatchesTorchRecursion()
    {
        const double baseLr = 0.1, etaMin = 0.001;
        const int tMax = 10;
        var s = new CosineAnnealing(baseLr, tMax, etaMin);
        // torch CosineAnnealingLR.get_lr (the chainable form), run over three half-periods.
        double lr = baseLr;
        for (int e = 0; e <= 3 * tMax; e++)
        {
            if (e == 0) lr = baseLr;
            else if ((e - 1 - tMax) % (2 * tMax) == 0) lr += (baseLr - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2;
            else lr = (1 + Math.Cos(Math.PI * e / tMax)) / (1 + Math.Cos(Math.PI * (e - 1) / tMax)) * (lr - etaMin) + etaMin;
            AssertRel(lr, s.At(e), 1e-10, $"epoch {e}");
        }
        AssertRel(etaMin, s.At(tMax), 1e-14, "minimum at T_max");
        AssertRel((baseLr + etaMin) / 2, s.At(tMax / 2), 1e-14, "midpoint");
    }

    [Fact]
    public void WarmRestartsMatchTorchFormula()
    {
        const double baseLr = 0.5, etaMin = 0.01;
        var s = new CosineWarmRestarts(baseLr, t0: 10, tMult: 2, minLearningRate: etaMin);
        // Restarts at 10, 30, 70 (cycles of 10, 20, 40): the rate jumps back to the base rate.
        foreach (var e in new[] { 0, 10, 30, 70 }) AssertRel(baseLr, s.At(e), 1e-14, $"restart at {e}");
        AssertRel((baseLr + etaMin) / 2, s.At(20), 1e-14, "middle of the second cycle");
        AssertRel((baseLr + etaMin) / 2, s.At(50), 1e-14, "middle of the third cycle");
        Assert.Equal((19L, 20L), s.Cycle(29));
        for (int e = 1; e < 150; e++)
        {
            // torch CosineAnnealingWarmRestarts.step(epoch) for T_mult > 1, away from cycle boundaries where the
            // floating-point logarithm may round either way.
            double n = Math.Floor(Math.Log(e / 10.0 * (2 - 1) + 1, 2));
            double tCur = e - 10 * (Math.Pow(2, n) - 1) / (2 - 1);
            double tI = 10 * Math.Pow(2, n);
            if (tCur < 1e-9 || tI - tCur < 1e-9) continue;
            AssertRel(etaMin + (baseLr - etaMin) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2, s.At(e), 1e-12, $"epoch {e}");
        }
        var periodic = new CosineWarmRestarts(1.0, t0: 7);
        for (int e = 0; e < 30; e++) AssertRel(periodic.At(e % 7), periodic.At(e), 1e-15, $"T_mult = 1, epoch {e}");
    }

    [Fact]
    public void ApplySetsTheOptimizerRate()
    {
        var opt = new Adam<double>(1.0);
        new StepDecay(0.3, 2, 0.5).Apply(opt, 5);
        Assert.Equal(0.075, opt.LearningRate, 1e-15);
    }

    [Fact]
    public void InvalidSchedulesThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>("stepSize", () => new StepDecay(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("gamma", () => new ExponentialDecay(0.1, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("minLearningRate", () => new CosineAnnealing(0.1, 10, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>("tMult", () => new CosineWarmRestarts(0.1, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>("baseLearningRate", () => new CosineAnnealing(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("epoch", () => new ExponentialDecay(0.1, 0.9).At(-1));
    }
}
