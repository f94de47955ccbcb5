using BrainSharp.Dynamics;
using BrainSharp.Fitting;
using BrainSharp.Neurons;
using BrainSharp.Random;

namespace BrainSharp.Tests.Fitting;

/// <summary>
/// The spiking fit models (float64, generic over IReal) against the float32 simulation neurons of BrainSharp.Neurons:
/// two implementations of each cell. Step-aligned fit models must reproduce the neurons' traces; spike-interpolating
/// ones must approach the continuous-time cell (the neuron at a 100 times finer step); forward-mode Jacobians must equal
/// finite differences.
/// </summary>
public class SpikingFitModelTests
{
    /// <summary>A step of <paramref name="mean"/> pA from 10 ms on, with white noise of <paramref name="sd"/> pA per sample.</summary>
    internal static double[] NoisyStep(int n, double dt, double mean, double sd, ulong seed)
    {
        var rs = new RandomStream(seed);
        var i = new double[n];
        for (int k = 0; k < n; k++) i[k] = k * dt >= 10 ? mean + sd * rs.NextNormal() : 0;
        return i;
    }

    /// <summary>Runs a simulation neuron on a current (pA, or the neuron's units), returning V at the start of each step and spike steps.</summary>
    private static (double[] V, List<int> Spikes) RunNeuron(NeuronGroup neuron, double[] current, double dt, double currentScale = 1)
    {
        var clock = new Clock(dt);
        var v = new double[current.Length];
        var spikes = new List<int>();
        for (int k = 0; k < current.Length; k++)
        {
            v[k] = neuron.V[0];
            neuron.InputCurrent[0] = (float)(current[k] * currentScale);
            neuron.Update(clock);
            if (neuron.Spikes.Count > 0) spikes.Add(k);
            clock.Step++;
        }
        return (v, spikes);
    }

    private static (double[] V, List<double> Spikes) RunFit(TraceModel model, double[] p, double[] current, double dt)
    {
        var v = new Real[current.Length];
        var times = new List<Real>();
        model.Simulate<Real>(p.Select(x => new Real(x)).ToArray(), current, dt, v, times);
        return (v.Select(x => x.Value).ToArray(), times.Select(t => t.Value).ToList());
    }

    private static void AssertTracesAgree(double[] vNeuron, List<int> neuronSpikes, (double[] V, List<double> Spikes) fit, double dt, double tolMv, string what,
        int skipBeforeSpike = 0, double upswingTolMv = 0)
    {
        Assert.True(neuronSpikes.Count >= 5, $"{what}: the protocol should make the cell spike, got {neuronSpikes.Count}");
        Assert.Equal(neuronSpikes.Count, fit.Spikes.Count);
        for (int s = 0; s < neuronSpikes.Count; s++) Assert.Equal((neuronSpikes[s] + 1) * dt, fit.Spikes[s], 9);
        double maxErr = 0, maxUpswing = 0;
        var upswing = new HashSet<int>(neuronSpikes.SelectMany(s => Enumerable.Range(s - skipBeforeSpike + 1, skipBeforeSpike)));
        for (int k = 0; k < vNeuron.Length; k++)
        {
            double e = Math.Abs(vNeuron[k] - fit.V[k]);
            if (upswing.Contains(k)) maxUpswing = Math.Max(maxUpswing, e); else maxErr = Math.Max(maxErr, e);
        }
        Assert.True(maxErr < tolMv, $"{what}: max |v_neuron - v_fit| = {maxErr} mV");
        Assert.True(maxUpswing <= upswingTolMv, $"{what}: max |v_neuron - v_fit| on the upswing = {maxUpswing} mV");
    }

    private static double[] GlifValues(GlifTraceModel m, GlifParams p)
    {
        var x = m.Defaults();
        void Set(string name, double value) { if (m.Parameters.Any(q => q.Name == name)) x[m.IndexOf(name)] = value; }
        Set("C", p.C); Set("G", p.G); Set("E_L", p.EL); Set("Theta_inf", p.ThetaInf); Set("t_ref", p.Refractory);
        Set("V_reset", p.VReset); Set("delta_Theta_s", p.ThetaSpikeAdd); Set("b_s", p.ThetaSpikeDecay);
        Set("f_v", p.VoltageResetFraction); Set("delta_V", p.VoltageResetAdd);
        Set("k_1", p.AscDecay[0]); Set("k_2", p.AscDecay[1]); Set("delta_I_1", p.AscAmps[0]); Set("delta_I_2", p.AscAmps[1]);
        Set("f_1", p.AscR[0]); Set("f_2", p.AscR[1]); Set("a_v", p.ThetaVoltageIndex); Set("b_v", p.ThetaVoltageDecay);
        return x;
    }

    /// <summary>A GLIF cell a little away from NEST's defaults, so that every mechanism is exercised.</summary>
    internal static GlifParams TestGlif => new()
    {
        VReset = -70, ThetaSpikeAdd = 2.0, VoltageResetFraction = 0.3, VoltageResetAdd = 8, ThetaVoltageIndex = 0.02,
        AscR = [0.9, 0.8],
    };

    [Theory]
    [InlineData(GlifLevel.Lif)]
    [InlineData(GlifLevel.LifR)]
    [InlineData(GlifLevel.LifAsc)]
    [InlineData(GlifLevel.LifRAsc)]
    [InlineData(GlifLevel.LifRAscA)]
    public void StepAlignedGlifFitModelReproducesGlifNeuron(GlifLevel level)
    {
        double dt = 0.1;
        var current = NoisyStep(4000, dt, 420, 150, seed: 7);
        var model = new GlifTraceModel(level, interpolateSpikes: false);
        var (vN, sN) = RunNeuron(new GlifNeuron(1, level, TestGlif), current, dt);
        AssertTracesAgree(vN, sN, RunFit(model, GlifValues(model, TestGlif), current, dt), dt, 2e-3, model.Name);
    }

    [Fact]
    public void StepAlignedGifFitModelReproducesGifNeuron()
    {
        double dt = 0.1;
        var gp = GifParams.TonicBursting with { A2 = -300, R1 = 0.5 };
        var current = NoisyStep(4000, dt, 2000, 300, seed: 8);
        var model = new GifTraceModel(interpolateSpikes: false);
        double[] p = [gp.Tau, gp.R, gp.EL, gp.VReset, gp.ThetaInf, gp.ThetaReset, gp.A, gp.B, gp.K1, gp.K2, gp.R1, gp.R2, gp.A1, gp.A2];
        var (vN, sN) = RunNeuron(new GifNeuron(1, gp), current, dt);
        AssertTracesAgree(vN, sN, RunFit(model, p, current, dt), dt, 2e-3, "gif");
    }

    [Fact]
    public void StepAlignedIzhikevichFitModelReproducesIzhikevichNeuron()
    {
        double dt = 0.05, cap = 100;
        var ip = IzhikevichParams.Chattering;
        var current = NoisyStep(8000, dt, 1000, 200, seed: 9);
        var model = new IzhikevichTraceModel(interpolateSpikes: false);
        double[] p = [ip.A, ip.B, ip.C, ip.D, ip.VPeak, cap, ip.VInit];
        var (vN, sN) = RunNeuron(new IzhikevichNeuron(1, ip), current, dt, currentScale: 1 / cap);
        // v^2 terms near V_peak = 30 mV: float32 rounding of the neuron's state reaches ~1e-2 mV there.
        AssertTracesAgree(vN, sN, RunFit(model, p, current, dt), dt, 0.02, "izhikevich");
    }

    [Fact]
    public void StepAlignedAdExFitModelReproducesAdExNeuronWithEuler()
    {
        double dt = 0.05;
        var ap = AdExParams.NaudAdapting with { VPeak = 20 };
        var current = NoisyStep(8000, dt, 500, 100, seed: 10);
        var model = new AdExTraceModel(interpolateSpikes: false);
        double[] p = [ap.C, ap.GL, ap.EL, ap.VT, ap.DeltaT, ap.TauW, ap.A, ap.B, ap.VReset, ap.VPeak];
        var (vN, sN) = RunNeuron(new AdExNeuron(1, ap, method: BrainSharp.Integrators.OdeMethod.Euler), current, dt);
        // The last samples of the upswing before a spike are steep (tens of mV per step): the exponential amplifies the
        // float32 neuron's rounding there, so those two samples get a wider tolerance.
        AssertTracesAgree(vN, sN, RunFit(model, p, current, dt), dt, 0.02, "adex", skipBeforeSpike: 2, upswingTolMv: 1.0);
    }

    [Fact]
    public void InterpolatedGlif5SpikeTimesMatchTheNeuronAtAHundredfoldFinerStep()
    {
        // GLIF integrates exactly between spikes, so the only error of a coarse step is where it puts spikes: locating the
        // crossing inside the step should leave the spike times of the continuous-time cell (the neuron at dt/100).
        double dt = 0.1; int fine = 100;
        var current = NoisyStep(3000, dt, 420, 150, seed: 12);
        var fineCurrent = current.SelectMany(x => Enumerable.Repeat(x, fine)).ToArray();
        var (_, sN) = RunNeuron(new GlifNeuron(1, GlifLevel.LifRAscA, TestGlif), fineCurrent, dt / fine);
        var reference = sN.Select(k => (k + 1) * dt / fine).ToList();
        var interp = new GlifTraceModel(GlifLevel.LifRAscA);
        var aligned = new GlifTraceModel(GlifLevel.LifRAscA, interpolateSpikes: false);
        var ti = RunFit(interp, GlifValues(interp, TestGlif), current, dt).Spikes;
        var ta = RunFit(aligned, GlifValues(aligned, TestGlif), current, dt).Spikes;
        Assert.True(reference.Count >= 5);
        Assert.Equal(reference.Count, ti.Count);
        AssertCloseToReference(reference, ti, "glif5");
        double meanI = reference.Zip(ti, (a, b) => Math.Abs(a - b)).Average();
        double meanA = reference.Count == ta.Count ? reference.Zip(ta, (a, b) => Math.Abs(a - b)).Average() : double.PositiveInfinity;
        Assert.True(meanI < meanA / 4, $"interpolation (mean error {meanI} ms) should beat step-aligned spikes ({meanA} ms)");
    }

    [Fact]
    public void InterpolatedGifSpikeTimesMatchTheNeuronAtAHundredfoldFinerStep()
    {
        // With a = 0 and no spike-induced currents the exponential Euler step is exact, as for GLIF.
        double dt = 0.1; int fine = 100;
        var gp = GifParams.TonicSpiking;
        var current = NoisyStep(3000, dt, 1500, 300, seed: 13);
        var fineCurrent = current.SelectMany(x => Enumerable.Repeat(x, fine)).ToArray();
        var (_, sN) = RunNeuron(new GifNeuron(1, gp), fineCurrent, dt / fine);
        var reference = sN.Select(k => (k + 1) * dt / fine).ToList();
        double[] p = [gp.Tau, gp.R, gp.EL, gp.VReset, gp.ThetaInf, gp.ThetaReset, gp.A, gp.B, gp.K1, gp.K2, gp.R1, gp.R2, gp.A1, gp.A2];
        var ti = RunFit(new GifTraceModel(), p, current, dt).Spikes;
        Assert.True(reference.Count >= 5);
        Assert.Equal(reference.Count, ti.Count);
        AssertCloseToReference(reference, ti, "gif");
    }

    private static void AssertCloseToReference(List<double> reference, List<double> times, string what)
    {
        // The reference is good to its step (0.001 ms) and to the float32 rounding of V over ~10^4 fine steps per
        // interspike interval, which shifts crossings by ~0.01 ms where V approaches threshold slowly.
        double max = reference.Zip(times, (a, b) => Math.Abs(a - b)).Max();
        double mean = reference.Zip(times, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(max < 0.025 && mean < 0.01, $"{what}: interpolated spike times differ from the fine-step neuron by {mean} ms on average, {max} ms at most");
    }

    public static IEnumerable<object[]> JacobianCases() =>
    [
        [new GlifTraceModel(GlifLevel.LifRAscA), new[] { "C", "G", "E_L", "Theta_inf", "t_ref", "f_v", "delta_V", "a_v" }, 420.0],
        [new GlifTraceModel(GlifLevel.LifRAscA), new[] { "delta_Theta_s", "b_s", "k_1", "k_2", "delta_I_1", "delta_I_2", "f_2", "b_v" }, 420.0],
        [new GlifTraceModel(GlifLevel.Lif), new[] { "C", "G", "E_L", "Theta_inf", "t_ref", "V_reset" }, 420.0],
        [new GifTraceModel(), new[] { "tau", "R", "E_L", "V_reset", "Theta_inf", "a", "b", "A_2" }, 2000.0],
        [new IzhikevichTraceModel(), new[] { "a", "b", "c", "d", "C", "v0" }, 1000.0],
        [new AdExTraceModel(), new[] { "C", "g_L", "E_L", "V_T", "Delta_T", "tau_w", "a", "b" }, 1000.0],
    ];

    [Theory]
    [MemberData(nameof(JacobianCases))]
    public void TraceAndSpikeTimeJacobiansEqualFiniteDifferences(TraceModel model, string[] names, double mean)
    {
        double dt = 0.1;
        var current = NoisyStep(2500, dt, mean, 0.2 * mean, seed: 21);
        var baseValues = model.Defaults();
        if (model is GlifTraceModel g)
        {
            var all = GlifValues(g, TestGlif);
            Array.Copy(all, baseValues, all.Length);
        }
        if (model is GifTraceModel) { baseValues[model.IndexOf("a")] = 0.005; baseValues[model.IndexOf("A_2")] = -300; baseValues[model.IndexOf("A_1")] = 3000; }
        if (model is AdExTraceModel) baseValues[model.IndexOf("b")] = 60;
        var p = baseValues.Select(x => Dual8.Constant(x)).ToArray();
        for (int j = 0; j < names.Length; j++) p[model.IndexOf(names[j])] = Dual8.Variable(baseValues[model.IndexOf(names[j])], j);
        var v = new Dual8[current.Length];
        var times = new List<Dual8>();
        model.Simulate<Dual8>(p, current, dt, v, times);
        Assert.True(times.Count >= 5, $"{model.Name}: only {times.Count} spikes");

        for (int j = 0; j < names.Length; j++)
        {
            int idx = model.IndexOf(names[j]);
            double h = 1e-6 * Math.Max(Math.Abs(baseValues[idx]), 1e-2);
            // Central differences at h and h/2, Richardson-extrapolated: O(h^4), so that strongly curved spike times compare tightly.
            (double[] V, List<double> T) Diff(double step)
            {
                var up = (double[])baseValues.Clone(); up[idx] += step;
                var dn = (double[])baseValues.Clone(); dn[idx] -= step;
                var (vu, tu) = RunFit(model, up, current, dt);
                var (vd, td) = RunFit(model, dn, current, dt);
                Assert.Equal(times.Count, tu.Count); Assert.Equal(times.Count, td.Count);
                return (vu.Zip(vd, (a, b) => (a - b) / (2 * step)).ToArray(), tu.Zip(td, (a, b) => (a - b) / (2 * step)).ToList());
            }
            var d1 = Diff(h); var d2 = Diff(h / 2);
            double scaleT = times.Max(t => Math.Abs(t[j])) + 1e-12;
            for (int s = 0; s < times.Count; s++)
            {
                double fd = (4 * d2.T[s] - d1.T[s]) / 3;
                Assert.True(Math.Abs(times[s][j] - fd) <= 1e-4 * scaleT + 1e-7,
                    $"{model.Name}: d(spike {s})/d{names[j]} forward mode {times[s][j]}, finite difference {fd}");
            }
            double scaleV = v.Max(x => Math.Abs(x[j])) + 1e-12;
            int jumps = 0;
            for (int k = 0; k < v.Length; k++)
            {
                // A spike moving across a sample point makes that one sample jump: no derivative there.
                if (Math.Abs(d1.V[k] * 2 * h) > 0.5 || Math.Abs(d2.V[k] * h) > 0.5) { jumps++; continue; }
                double fd = (4 * d2.V[k] - d1.V[k]) / 3;
                Assert.True(Math.Abs(v[k][j] - fd) <= 1e-4 * scaleV + 1e-6,
                    $"{model.Name}: dv[{k}]/d{names[j]} forward mode {v[k][j]}, finite difference {fd}");
            }
            Assert.True(jumps <= 2, $"{model.Name}: {jumps} samples jumped under a {h} change of {names[j]}");
        }
    }
    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void SpikeResidualGradientAndGaussNewtonMatchFiniteDifferences(double kernelMs)
    {
        // GLIF5 traces with spike residuals (paired in order, or alpha-filtered trains): the gradient from the forward-mode
        // Jacobian must equal finite differences of the plain loss, and the Gauss-Newton matrix must be symmetric.
        var model = new GlifTraceModel(GlifLevel.LifRAscA);
        var truth = GlifValues(model, TestGlif);
        double dt = 0.1;
        var currents = new[] { NoisyStep(2000, dt, 420, 80, seed: 31), NoisyStep(2000, dt, 520, 80, seed: 32) };
        var volts = new List<double[]>(); var spikes = new List<double[]>();
        foreach (var i in currents)
        {
            var (v, t) = RunFit(model, truth, i, dt);
            volts.Add(v.Select(x => x + 0.3).ToArray());
            spikes.Add(t.Select(x => x + 0.05).Skip(1).ToArray()); // shifted, one spike missing: unpaired residuals too
        }
        var data = new TraceData(dt, currents, volts, "glif5 synthetic");
        var fit = new[] { new FitParameter("Theta_inf", -60, -45), new FitParameter("f_v", 0.05, 0.8), new FitParameter("a_v", 0.001, 0.1) };
        var weights = currents.Select(i => Enumerable.Repeat(1.0, i.Length).ToArray()).ToList();
        var obj = new TraceObjective(model, data, fit, null, weights, spikes, 50) { SpikeKernelMs = kernelMs };
        var u = fit.Select(f => f.ToUnconstrained(truth[model.IndexOf(f.Name)])).ToArray();
        var g = new double[3]; var h = new double[9];
        double f0 = obj.LossGradientAndGaussNewton(u, g, h);
        Assert.Equal(obj.Loss(u), f0, 9);
        for (int j = 0; j < 3; j++)
        {
            double e = 1e-6;
            var up = (double[])u.Clone(); up[j] += e;
            var dn = (double[])u.Clone(); dn[j] -= e;
            double fd = (obj.Loss(up) - obj.Loss(dn)) / (2 * e);
            Assert.True(Math.Abs(g[j] - fd) <= 1e-4 * Math.Abs(fd) + 1e-6, $"{fit[j].Name}: forward mode {g[j]}, finite difference {fd}");
            for (int i = 0; i < 3; i++) Assert.Equal(h[i * 3 + j], h[j * 3 + i], 9);
        }
    }

    [Fact]
    public void NewModelsAreRegisteredAndBadInputIsNamed()
    {
        foreach (var name in new[] { "glif1", "glif2", "glif3", "glif4", "glif5", "gif", "izhikevich", "adex" })
            Assert.Equal(name, FitModels.Get(name).Name);
        var ex = Assert.Throws<ArgumentException>(() => FitModels.Get("glif6"));
        Assert.Contains("glif6", ex.Message); Assert.Contains("glif5", ex.Message);
        // A parameter that the level does not have: GLIF1 has no reset rule, GLIF5 no fixed V_reset.
        ex = Assert.Throws<ArgumentException>(() => FitModels.Get("glif1").IndexOf("f_v"));
        Assert.Contains("glif1", ex.Message); Assert.Contains("f_v", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => FitModels.Get("glif5").IndexOf("V_reset"));
        Assert.Contains("V_reset", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlifTraceModel((GlifLevel)6));
        // Non-physical values are named at the start of a simulation, not met as NaN inside it.
        var glif = new GlifTraceModel(GlifLevel.LifRAscA);
        var p = glif.Defaults().Select(x => new Real(x)).ToArray();
        p[glif.IndexOf("C")] = new Real(-1);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => glif.Simulate<Real>(p, new double[10], 0.1, new Real[10]));
        Assert.Contains("glif5", e2.Message); Assert.Contains("C", e2.Message); Assert.Contains("-1", e2.Message);
        var gif = new GifTraceModel();
        var q = gif.Defaults().Select(x => new Real(x)).ToArray();
        q[gif.IndexOf("b")] = new Real(0);
        e2 = Assert.Throws<ArgumentOutOfRangeException>(() => gif.Simulate<Real>(q, new double[10], 0.1, new Real[10]));
        Assert.Contains("gif", e2.Message); Assert.Contains("b", e2.Message);
        var izh = new IzhikevichTraceModel();
        var r = izh.Defaults().Select(x => new Real(x)).ToArray();
        r[izh.IndexOf("C")] = new Real(double.NaN);
        e2 = Assert.Throws<ArgumentOutOfRangeException>(() => izh.Simulate<Real>(r, new double[10], 0.1, new Real[10]));
        Assert.Contains("izhikevich", e2.Message);
        Assert.Throws<ArgumentException>(() => glif.Simulate<Real>(p.Take(3).ToArray(), new double[10], 0.1, new Real[10]));
        // Spike residual options are checked when the objective is built.
        var data = new TraceData(0.1, [new double[10]], [new double[10]], "cell9");
        var fit = new[] { new FitParameter("C", 10, 100) };
        var e3 = Assert.Throws<ArgumentException>(() => new TraceObjective(glif, data, fit, null, null, [[3.0, 1.0]], 10));
        Assert.Contains("cell9", e3.Message); Assert.Contains("ascending", e3.Message);
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => new TraceObjective(glif, data, fit, null, null, [[1.0]], 0));
        Assert.Contains("spike weight", e4.Message);
        e3 = Assert.Throws<ArgumentException>(() => new TraceObjective(glif, data, fit, null, [new double[9]], null));
        Assert.Contains("protocol 0", e3.Message);
    }

    [Fact]
    public void ConfigNamingANewModelLoadsAndRejectsUnboundedOrUnknownParameters()
    {
        string dir = Directory.CreateTempSubdirectory("fitglif").FullName;
        File.WriteAllText(Path.Combine(dir, "i.csv"), ",0,1,2\n0,0,1,2\n");
        File.WriteAllText(Path.Combine(dir, "v.csv"), ",0,1,2\n0,-70,-69,-68\n");
        string cfg = Path.Combine(dir, "fit.json");
        File.WriteAllText(cfg, """{ "model": "glif5", "data": { "current": "i.csv", "voltage": "v.csv", "dt_ms": 0.1 }, "fit": { "a_v": [0.001, 0.1], "C": [10, 200] } }""");
        var c = FitConfig.Load(cfg);
        Assert.Equal("glif5", c.Model.Name);
        Assert.Equal(["a_v", "C"], c.Fit.Select(f => f.Name));
        File.WriteAllText(cfg, """{ "model": "glif5", "data": { "current": "i.csv", "voltage": "v.csv", "dt_ms": 0.1 }, "fit": { "a_v": 0.01 } }""");
        var ex = Assert.Throws<InvalidDataException>(() => FitConfig.Load(cfg));
        Assert.Contains("a_v", ex.Message); Assert.Contains("1/ms", ex.Message);
        File.WriteAllText(cfg, """{ "model": "izhikevich", "data": { "current": "i.csv", "voltage": "v.csv", "dt_ms": 0.1 }, "fit": { "tau_w": [1, 2] } }""");
        var ex2 = Assert.Throws<ArgumentException>(() => FitConfig.Load(cfg));
        Assert.Contains("izhikevich", ex2.Message); Assert.Contains("tau_w", ex2.Message);
    }
}
