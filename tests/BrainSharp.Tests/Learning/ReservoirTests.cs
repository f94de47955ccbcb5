using BrainSharp.Learning.Reservoir;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

public class ReservoirTests
{
    // 300 units, tau 10 ms, dt 1 ms, g 1.5, p 0.1; targets with periods of 200 and 100 ms (20 and 10 tau).
    // Trains FORCE on f for trainSteps, then runs testSteps with learning off; returns RMS(z - f) / RMS(f) on the test window.
    private static double ForceError(Func<int, double> f, int trainSteps, int testSteps, ulong seed)
    {
        var res = new RateReservoir(new RateReservoirOptions { Neurons = 300, Gain = 1.5, ConnectionProbability = 0.1, TauMs = 10, Dt = 1, Seed = seed });
        var force = new ForceLearner(res, alpha: 1.0, updateEvery: 1);
        var target = new double[1];
        for (int t = 0; t < trainSteps; t++) { target[0] = f(t); force.Step(default, target); }
        double se = 0, sf = 0;
        for (int t = trainSteps; t < trainSteps + testSteps; t++)
        {
            double z = force.Step(default, default)[0], ft = f(t);
            se += (z - ft) * (z - ft); sf += ft * ft;
        }
        return Math.Sqrt(se / sf);
    }

    [Fact]
    public void ForceLearnsASine()
    {
        double err = ForceError(t => Math.Sin(2 * Math.PI * t / 200.0), 4000, 500, seed: 1);
        Assert.True(err < 0.05, $"normalized test error {err:F4}");
    }

    [Fact]
    public void ForceLearnsASumOfTwoSines()
    {
        double err = ForceError(t => 0.8 * Math.Sin(2 * Math.PI * t / 200.0) + 0.4 * Math.Sin(2 * Math.PI * t / 100.0), 4000, 500, seed: 2);
        Assert.True(err < 0.05, $"normalized test error {err:F4}");
    }

    [Fact]
    public void ForceIsDeterministicAndTheUntrainedReadoutFails()
    {
        Func<int, double> f = t => Math.Sin(2 * Math.PI * t / 100.0);
        Assert.Equal(ForceError(f, 300, 100, seed: 3), ForceError(f, 300, 100, seed: 3));
        // Without training (W = 0) the readout is zero: normalized error 1, so the threshold above is meaningful.
        Assert.Equal(1.0, ForceError(f, 0, 200, seed: 3), 12);
    }

    [Fact]
    public void RidgeReadoutRecallsTheInputFromKStepsAgo()
    {
        var res = new RateReservoir(new RateReservoirOptions
        {
            Neurons = 200, Inputs = 1, Outputs = 0, Gain = 0.9, ConnectionProbability = 0.2, TauMs = 1, Dt = 1, InputScale = 0.5, FeedbackScale = 0, Seed = 5,
        });
        int washout = 100, train = 2000, test = 1000, steps = washout + train + test, n = res.Neurons;
        var rng = new RandomStream(9, 1);
        var u = new double[steps];
        for (int t = 0; t < steps; t++) u[t] = 2 * rng.NextDouble() - 1;
        var x = new double[steps * n];
        res.Collect(u, steps, x);
        foreach (int k in new[] { 5, 10 })
        {
            var y = new double[steps];
            for (int t = k; t < steps; t++) y[t] = u[t - k];
            var ro = RidgeReadout.Fit(x.AsSpan(washout * n, train * n), train, n, y.AsSpan(washout, train), 1, lambda: 1e-6);
            var pred = new double[test];
            ro.Predict(x.AsSpan((washout + train) * n, test * n), test, pred);
            double ss = 0, st = 0, mean = 0;
            for (int t = 0; t < test; t++) mean += y[washout + train + t] / test;
            for (int t = 0; t < test; t++)
            {
                double yt = y[washout + train + t];
                ss += (pred[t] - yt) * (pred[t] - yt); st += (yt - mean) * (yt - mean);
            }
            double r2 = 1 - ss / st;
            Assert.True(r2 > 0.9, $"delay {k}: held-out R^2 {r2:F4}");
        }
    }

    [Fact]
    public void RidgeMatchesTheClosedFormOnATinyProblem()
    {
        // Two features, one output, no intercept: W = (X^T X + lambda I)^-1 X^T y by the explicit 2x2 inverse.
        double[] x = [1, 2, 3, -1, 0.5, 4, -2, 1];
        double[] y = [1, -2, 3, 0.5];
        double lambda = 0.7;
        double a = 0, b = 0, c = 0, r0 = 0, r1 = 0;
        for (int s = 0; s < 4; s++) { a += x[2 * s] * x[2 * s]; b += x[2 * s] * x[2 * s + 1]; c += x[2 * s + 1] * x[2 * s + 1]; r0 += x[2 * s] * y[s]; r1 += x[2 * s + 1] * y[s]; }
        a += lambda; c += lambda;
        double det = a * c - b * b;
        double w0 = (c * r0 - b * r1) / det, w1 = (-b * r0 + a * r1) / det;
        var ro = RidgeReadout.Fit(x, 4, 2, y, 1, lambda, fitIntercept: false);
        Assert.Equal(w0, ro.Weights[0], 12);
        Assert.Equal(w1, ro.Weights[1], 12);
        Assert.Equal(0, ro.Intercept[0]);

        // With an unpenalized intercept and lambda = 0 it is ordinary least squares: exact on data that is linear.
        double[] yl = new double[4];
        for (int s = 0; s < 4; s++) yl[s] = 0.3 - 1.2 * x[2 * s] + 2.5 * x[2 * s + 1];
        var ols = RidgeReadout.Fit(x, 4, 2, yl, 1, 0);
        Assert.Equal(-1.2, ols.Weights[0], 10);
        Assert.Equal(2.5, ols.Weights[1], 10);
        Assert.Equal(0.3, ols.Intercept[0], 10);
    }

    [Fact]
    public void BadInputThrowsNamingTheParameter()
    {
        double[] x = [1, 2, 3, 4], y = [1, 2];
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => RidgeReadout.Fit(x, 2, 2, y, 1, -0.1)).ParamName);
        Assert.Contains("-0.1", Assert.Throws<ArgumentOutOfRangeException>(() => RidgeReadout.Fit(x, 2, 2, y, 1, -0.1)).Message);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => RidgeReadout.Fit(x, 2, 2, [1, 2, 3], 1, 1)).ParamName);
        Assert.Equal("states", Assert.Throws<ArgumentException>(() => RidgeReadout.Fit([1, 2, 3], 2, 2, y, 1, 1)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => RidgeReadout.Fit(x, 2, 2, [1, double.NaN], 1, 1));
        Assert.Contains("NaN", e.Message);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => RidgeReadout.Fit([1, 1, 1, 1], 2, 2, y, 1, 0)).ParamName);
        Assert.Equal("Gain", Assert.Throws<ArgumentOutOfRangeException>(() => new RateReservoir(new RateReservoirOptions { Gain = -1 })).ParamName);
        Assert.Equal("TauMs", Assert.Throws<ArgumentOutOfRangeException>(() => new RateReservoir(new RateReservoirOptions { TauMs = 0 })).ParamName);
        Assert.Equal("ConnectionProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new RateReservoir(new RateReservoirOptions { ConnectionProbability = 1.5 })).ParamName);
        var res = new RateReservoir(new RateReservoirOptions { Neurons = 10, Seed = 1 });
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new ForceLearner(res, alpha: 0)).ParamName);
        var force = new ForceLearner(res);
        Assert.Contains("Infinity", Assert.Throws<ArgumentException>(() => force.Step(default, [double.PositiveInfinity])).Message);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => force.Step(default, [1.0, 2.0])).ParamName);
    }
}
