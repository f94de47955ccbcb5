using BrainSharp.Dynamics;
using BrainSharp.Plasticity;

namespace BrainSharp.Tests.Plasticity;

public class PairStdpTests
{
    /// <summary>One synapse 0 -> 0 with initial weight w0; pre spikes at step sPre, post at step sPost; returns the final weight.</summary>
    private static float RunPair(PairStdp rule, float w0, int sPre, int sPost, double dt = 0.1)
    {
        var clock = new Clock(dt);
        rule.Build(1, 1, clock);
        int[] rowPtr = [0, 1], post = [0], colPtr = [0, 1], colSyn = [0], colPre = [0];
        var w = new[] { w0 };
        int[] spike = [0];
        for (int s = 0; s <= Math.Max(sPre, sPost) + 5; s++)
        {
            rule.Step(clock, s == sPre ? spike : [], s == sPost ? spike : [], rowPtr, post, colPtr, colSyn, colPre, w);
            clock.Step++;
        }
        return w[0];
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(20.0)]
    [InlineData(40.0)]
    [InlineData(-5.0)]
    [InlineData(-10.0)]
    [InlineData(-20.0)]
    [InlineData(-40.0)]
    public void SinglePair_FollowsExponentialWindow(double lagMs)
    {
        double aPlus = 0.01, aMinus = 0.012, tauP = 16.8, tauM = 33.7, dt = 0.1;
        var rule = new PairStdp(aPlus, aMinus, tauP, tauM, wMin: 0, wMax: 1);
        int sPre = 500, sPost = sPre + (int)Math.Round(lagMs / dt);
        double dw = RunPair(rule, 0.5f, sPre, sPost) - 0.5;
        double expected = lagMs >= 0 ? aPlus * Math.Exp(-lagMs / tauP) : -aMinus * Math.Exp(lagMs / tauM);
        Assert.Equal(expected, dw, 1e-6);
    }

    [Fact]
    public void SoftBounds_ScaleByDistanceToBound_HardBoundsClip()
    {
        var soft = new PairStdp(0.1, 0.1, 20, 20, 0, 2, WeightBounds.Soft);
        double w0 = 1.5, lag = 10;
        Assert.Equal(0.1 * Math.Exp(-lag / 20) * (2 - w0) / 2, RunPair(soft, (float)w0, 100, 200) - w0, 1e-6);
        Assert.Equal(-0.1 * Math.Exp(-lag / 20) * w0 / 2, RunPair(soft, (float)w0, 200, 100) - w0, 1e-6);
        var hard = new PairStdp(0.5, 0.5, 20, 20, 0, 1);
        Assert.Equal(1f, RunPair(hard, 0.9f, 100, 101));
        Assert.Equal(0f, RunPair(hard, 0.1f, 101, 100));
    }

    [Fact]
    public void ManySynapses_ColumnAndRowPathsAgreeWithNaivePairSum()
    {
        // 3 pre x 2 post all-to-all; pre i spikes at step 10*i, post j at 15 + 12*j. Additive, no clipping reached:
        // each synapse changes by the sum over all (pre, post) pairs of the window (all-to-all pairing).
        double aP = 0.01, aM = 0.011, tP = 20, tM = 25, dt = 0.5;
        var rule = new PairStdp(aP, aM, tP, tM, -10, 10);
        var clock = new Clock(dt);
        rule.Build(3, 2, clock);
        int[] rowPtr = [0, 2, 4, 6], post = [0, 1, 0, 1, 0, 1];
        int[] colPtr = [0, 3, 6], colSyn = [0, 2, 4, 1, 3, 5], colPre = [0, 1, 2, 0, 1, 2];
        var w = new float[6];
        int[][] preTimes = [[0, 30], [10], [20, 40]], postTimes = [[15], [27, 33]];
        for (int s = 0; s < 60; s++)
        {
            var pre = Enumerable.Range(0, 3).Where(i => preTimes[i].Contains(s)).ToArray();
            var pst = Enumerable.Range(0, 2).Where(j => postTimes[j].Contains(s)).ToArray();
            rule.Step(clock, pre, pst, rowPtr, post, colPtr, colSyn, colPre, w);
            clock.Step++;
        }
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
            {
                double sum = 0;
                foreach (int tp in preTimes[i])
                    foreach (int tq in postTimes[j])
                    {
                        double lag = (tq - tp) * dt;
                        sum += lag >= 0 ? aP * Math.Exp(-lag / tP) : -aM * Math.Exp(lag / tM);
                    }
                Assert.Equal(sum, w[2 * i + j], 1e-6);
            }
    }

    [Fact]
    public void Validation()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PairStdp(tauPlus: 0));
        Assert.Contains("tauPlus", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairStdp(aPlus: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairStdp(wMin: 1, wMax: 1));
    }
}
