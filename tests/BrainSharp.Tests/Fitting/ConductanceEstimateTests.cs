using BrainSharp.Fitting;
using BrainSharp.Neurons;
using BrainSharp.Random;

namespace BrainSharp.Tests.Fitting;

public class ConductanceEstimateTests
{
    // Traces of a model at known parameters, driven by the tutorial's five input currents, plus optional Gaussian noise.
    private static TraceData Synthetic(TraceModel model, double[] p, double noiseMv, ulong seed = 7)
    {
        var tutorial = FitTestData.HhTutorial();
        var volts = new List<double[]>();
        for (int k = 0; k < tutorial.Protocols; k++)
        {
            var v = new Real[tutorial.Samples];
            model.Simulate<Real>(p.Select(x => new Real(x)).ToArray(), tutorial.Currents[k], tutorial.Dt, v);
            var rs = new RandomStream(seed, (ulong)k);
            volts.Add(v.Select(x => x.Value + noiseMv * rs.NextNormal()).ToArray());
        }
        return new TraceData(tutorial.Dt, tutorial.Currents, volts, "synthetic");
    }

    private static double[] TraubMiles(double gL, double gNa, double gKd, double c = 200)
    {
        var m = new TraubMilesTraceModel();
        var p = m.Defaults();
        p[m.IndexOf("g_L")] = gL; p[m.IndexOf("g_Na")] = gNa; p[m.IndexOf("g_Kd")] = gKd; p[m.IndexOf("C")] = c;
        return p;
    }

    [Fact]
    public void NoiseFreeTraubMilesTracesGiveBackCapacitanceAndConductances()
    {
        // Truth away from the model defaults, and C fitted too: the exponential-Euler passes make the rows exact.
        var model = new TraubMilesTraceModel();
        var data = Synthetic(model, TraubMiles(14, 31000, 4200, c: 160), 0);
        FitParameter[] fit = [new("C", 50, 500), new("g_L", 0.002, 200), new("g_Na", 200, 400_000), new("g_Kd", 200, 200_000)];
        var est = ConductanceEstimate.Estimate(new TraceObjective(model, data, fit));
        Assert.Equal(160, est[0], 160 * 1e-4);
        Assert.Equal(14, est[1], 14 * 1e-4);
        Assert.Equal(31000, est[2], 31000 * 1e-4);
        Assert.Equal(4200, est[3], 4200 * 1e-4);
    }

    [Fact]
    public void NoisyTracesGiveAnEstimateWithinAFewPercentAndTheOtherParametersStayFixed()
    {
        var model = new TraubMilesTraceModel();
        var data = Synthetic(model, TraubMiles(8, 25000, 7000), noiseMv: 1.0);
        var est = ConductanceEstimate.Estimate(new TraceObjective(model, data, FitTestData.HhTutorialRanges()));
        Assert.InRange(est[0], 8 * 0.8, 8 * 1.2); // the leak is the smallest current, so the least determined
        Assert.InRange(est[1], 25000 * 0.95, 25000 * 1.05);
        Assert.InRange(est[2], 7000 * 0.95, 7000 * 1.05);
    }

    [Fact]
    public void AnEstimateOutsideItsBoxIsHeldAtTheBoundAndTheOthersAreSolvedAgain()
    {
        var model = new TraubMilesTraceModel();
        var data = Synthetic(model, TraubMiles(10, 20000, 6000), 0);
        // g_Na's box excludes the truth: the estimate sits on the upper bound, and g_L, g_Kd are refitted with it held.
        FitParameter[] fit = [new("g_L", 0.002, 200), new("g_Na", 200, 15000), new("g_Kd", 200, 200_000)];
        var est = ConductanceEstimate.Estimate(new TraceObjective(model, data, fit));
        Assert.Equal(15000, est[1]);
        Assert.InRange(est[0], 0.002, 200);
        Assert.InRange(est[2], 200, 200_000);
        // Reference: the same estimate with g_Na fixed at 15000 instead of fitted.
        var heldFixed = ConductanceEstimate.Estimate(new TraceObjective(model, data, [fit[0], fit[2]],
            new Dictionary<string, double> { ["g_Na"] = 15000 }));
        Assert.Equal(heldFixed[0], est[0], 1e-9 * heldFixed[0]);
        Assert.Equal(heldFixed[1], est[2], 1e-9 * heldFixed[1]);
    }

    [Fact]
    public void FittedNonlinearParametersStartAtTheMiddleOfTheirBoxes()
    {
        var model = new TraubMilesTraceModel();
        var data = Synthetic(model, TraubMiles(10, 20000, 6000), 0);
        FitParameter[] fit = [new("g_Na", 200, 400_000), new("V_T", -70, -56)];
        var est = ConductanceEstimate.Estimate(new TraceObjective(model, data, fit));
        Assert.Equal(-63, est[1], 1e-12);
        Assert.InRange(est[0], 200, 400_000);
    }

    [Fact]
    public void AModelThatIsNotConductanceBasedOrAFitWithoutConductancesIsRefusedByName()
    {
        var glif = new GlifTraceModel(GlifLevel.Lif);
        var data = new TraceData(0.1, [new double[100]], [Enumerable.Repeat(-70.0, 100).ToArray()], "flat");
        var e = Assert.Throws<ArgumentException>(() => ConductanceEstimate.Estimate(new TraceObjective(glif, data, [new FitParameter("C", 10, 100)])));
        Assert.Contains("glif1", e.Message);
        var tm = new TraubMilesTraceModel();
        e = Assert.Throws<ArgumentException>(() => ConductanceEstimate.Estimate(new TraceObjective(tm, data, [new FitParameter("V_T", -70, -56)])));
        Assert.Contains("V_T", e.Message);
    }

    [Fact]
    public void WorksOnAnotherConductanceBasedModelWithForwardEuler()
    {
        // A leak plus a slow non-inactivating potassium current (gate w, forward Euler): a second, independent model.
        var model = new LeakSlowK();
        double[] truth = [120, 6, 30, -70, -85];
        var data = Synthetic(model, truth, 0);
        FitParameter[] fit = [new("C", 10, 1000), new("g_L", 0.1, 100), new("g_M", 0.1, 1000)];
        var est = ConductanceEstimate.Estimate(new TraceObjective(model, data, fit));
        Assert.Equal(120, est[0], 120 * 1e-6);
        Assert.Equal(6, est[1], 6 * 1e-6);
        Assert.Equal(30, est[2], 30 * 1e-6);
    }

    [Fact]
    public void TheFitterStartsFromTheEstimateAndReachesTheNoiseFloorFromOneStart()
    {
        var model = new TraubMilesTraceModel();
        var data = Synthetic(model, TraubMiles(12, 24000, 5000), noiseMv: 1.0);
        var fitter = new TraceFitter(new TraceObjective(model, data, FitTestData.HhTutorialRanges()))
        {
            EstimateConductances = true, Screen = 1, Starts = 1, MaxThreads = 1,
        };
        var r = fitter.FitGradient();
        Assert.NotNull(fitter.LastInitialGuess);
        Assert.InRange(r.Loss, 0.8, 1.1); // noise variance 1 mV^2
        Assert.Equal(12, r.Values[0], 12 * 0.05);
        Assert.Equal(24000, r.Values[1], 24000 * 0.01);
        Assert.Equal(5000, r.Values[2], 5000 * 0.01);
        var both = new TraceFitter(new TraceObjective(model, data, FitTestData.HhTutorialRanges()))
        { EstimateConductances = true, InitialValues = [10, 20000, 6000] };
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => both.FitGradient()).Message);
    }

    /// <summary>C dv/dt = g_L (E_L - v) + g_M w (E_K - v) + I, dw/dt = (w_inf(v) - w) / 100 ms, forward Euler.</summary>
    private sealed class LeakSlowK : TraceModel, IConductanceBasedModel
    {
        private static readonly ModelParameter[] Ps =
        [
            new("C", "pF", 100, ""), new("g_L", "nS", 5, ""), new("g_M", "nS", 20, ""), new("E_L", "mV", -70, ""), new("E_K", "mV", -85, ""),
        ];
        public override string Name => "leak-slow-k";
        public override IReadOnlyList<ModelParameter> Parameters => Ps;
        public string CapacitanceParameter => "C";
        public IReadOnlyList<(string Conductance, string Reversal)> Channels => [("g_L", "E_L"), ("g_M", "E_K")];
        public bool ExponentialEuler => false;
        private static T WInf<T>(T v) where T : struct, IReal<T> => 1.0 / (1.0 + T.Exp(-(v + 60.0) / 5.0));

        public override void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
        {
            T vm = p[3], w = T.Constant(0);
            for (int k = 0; k < current.Length; k++)
            {
                v[k] = vm;
                T dv = (p[1] * (p[3] - vm) + p[2] * w * (p[4] - vm) + current[k]) / p[0];
                w = w + (WInf(vm) - w) * (dt / 100);
                vm = vm + dv * dt;
            }
        }

        public void OpenFractions(ReadOnlySpan<double> p, ReadOnlySpan<double> voltage, double dt, Span<double> open)
        {
            double w = 0;
            for (int k = 0; k < voltage.Length; k++)
            {
                open[k] = 1; open[voltage.Length + k] = w;
                w += (WInf(new Real(voltage[k])).Value - w) * (dt / 100);
            }
        }
    }
}
