using BrainSharp.Dynamics;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

/// <summary>GIF (Mihalas &amp; Niebur 2009), GLIF1-5 (Teeter et al. 2018) and ALIF (Bellec et al. 2020).</summary>
public class LinearIfModelTests
{
    [Fact]
    public void Gif_TonicPeriodMatchesLifClosedForm()
    {
        // a = 0 and no spike currents: Theta stays at Theta_inf, so GIF is a LIF with period tau ln(RI / (RI - (Theta - V_r))).
        var p = GifParams.TonicSpiking;
        const double current = 1500, dt = 0.1;
        double period = p.Tau * Math.Log(p.R * current / (p.R * current - (p.ThetaInf - p.VReset)));
        var isi = NeuronTestUtil.Isis(NeuronTestUtil.Run(new GifNeuron(1, p), dt, 300, _ => current));
        Assert.True(isi.Count >= 10);
        // Exact integration: the spike lands in the first step after the crossing, so every ISI is ceil(T/dt) dt.
        foreach (double x in isi) Assert.Equal(Math.Ceiling(period / dt) * dt, x, 1e-6);
    }

    [Fact]
    public void Gif_AdaptationAndTonicBursting()
    {
        var adapt = NeuronTestUtil.Isis(NeuronTestUtil.Run(new GifNeuron(1, GifParams.Adaptation), 0.1, 500, _ => 2000));
        for (int i = 1; i < adapt.Count; i++) Assert.True(adapt[i] >= adapt[i - 1] - 1e-6);
        Assert.True(adapt[^1] > 1.3 * adapt[0]);
        var burst = NeuronTestUtil.Isis(NeuronTestUtil.Run(new GifNeuron(1, GifParams.TonicBursting), 0.1, 800, _ => 2000));
        int pauses = burst.Count(x => x > 50);
        Assert.True(pauses >= 4);
        Assert.True(burst.All(x => x < 15 || x > 50));
        Assert.True(burst.Count(x => x < 15) >= 3 * pauses, "several spikes per burst");
    }

    [Fact]
    public void Glif1_PeriodMatchesClosedForm()
    {
        var p = new GlifParams();
        const double current = 400, dt = 0.05;
        double tau = p.C / p.G, ri = current / p.G;
        double period = p.Refractory + tau * Math.Log(ri / (ri - (p.ThetaInf - p.VReset)));
        var isi = NeuronTestUtil.Isis(NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.Lif, p), dt, 300, _ => current));
        Assert.True(isi.Count >= 10);
        foreach (double x in isi) Assert.InRange(x, period - dt - 1e-6, period + dt + 1e-6);
    }

    private static (GlifNeuron g, int spikeStep) SingleSpike(GlifLevel level, GlifParams p)
    {
        // A 3 ms strong pulse gives exactly one spike, then the neuron is left alone.
        var g = new GlifNeuron(1, level, p);
        var clock = new Clock(0.05);
        int spikeStep = -1;
        for (int s = 0; s < 60; s++)
        {
            clock.Step = s;
            if (s < 40 && spikeStep < 0) g.InputCurrent[0] = 2000;
            g.Update(clock);
            if (g.Spikes.Count > 0) { Assert.Equal(-1, spikeStep); spikeStep = s; }
        }
        Assert.True(spikeStep >= 0);
        return (g, spikeStep);
    }

    [Fact]
    public void Glif3_AfterSpikeCurrentsDecayExponentially()
    {
        var p = new GlifParams();
        var (g, s0) = SingleSpike(GlifLevel.LifAsc, p);
        var clock = new Clock(0.05);
        for (int s = 60; s < 400; s++)
        {
            clock.Step = s;
            g.Update(clock);
            double elapsed = (s - s0) * 0.05;
            for (int j = 0; j < 2; j++)
            {
                double expected = p.AscAmps[j] * Math.Exp(-p.AscDecay[j] * elapsed);
                Assert.True(Math.Abs(g.Asc[j][0] - expected) <= 1e-4 * Math.Abs(p.AscAmps[j]), $"ASC{j} at {elapsed} ms: {g.Asc[j][0]} vs {expected}");
            }
        }
    }

    [Fact]
    public void Glif2_ResetRulesApply()
    {
        var p = new GlifParams();
        var g = new GlifNeuron(1, GlifLevel.LifR, p);
        var clock = new Clock(0.05);
        for (int s = 0; s < 400; s++)
        {
            clock.Step = s;
            float vBefore = g.V[0], thBefore = g.ThetaSpike[0];
            g.InputCurrent[0] = 2000;
            g.Update(clock);
            if (g.Spikes.Count > 0)
            {
                Assert.Equal(p.EL + p.VoltageResetFraction * (vBefore - p.EL) + p.VoltageResetAdd, g.V[0], 1e-3);
                Assert.Equal(thBefore * Math.Exp(-p.ThetaSpikeDecay * 0.05) + p.ThetaSpikeAdd, g.ThetaSpike[0], 1e-5);
                return;
            }
        }
        Assert.Fail("no spike");
    }

    [Fact]
    public void Glif5_VoltageThresholdReachesSteadyState()
    {
        // Subthreshold constant current: V -> E_L + I/G, Theta_v -> a_v (V - E_L) / b_v.
        var p = new GlifParams();
        const double current = 150;
        var g = new GlifNeuron(1, GlifLevel.LifRAscA, p);
        Assert.Empty(NeuronTestUtil.Run(g, 0.05, 300, _ => current));
        double dv = current / p.G;
        Assert.Equal(p.EL + dv, g.V[0], 1e-3);
        Assert.Equal(p.ThetaVoltageIndex * dv / p.ThetaVoltageDecay, g.ThetaVoltage[0], 1e-3);
    }

    [Fact]
    public void Glif_LevelsAreNested()
    {
        // GLIF4 without after-spike currents is GLIF2; GLIF5 without voltage-threshold coupling is GLIF4.
        var p = new GlifParams();
        var noAsc = p with { AscAmps = [0.0, 0.0] };
        Assert.Equal(NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.LifR, p), 0.05, 300, _ => 400),
                     NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.LifRAsc, noAsc), 0.05, 300, _ => 400));
        var noVth = p with { ThetaVoltageIndex = 0 };
        Assert.Equal(NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.LifRAsc, p), 0.05, 300, _ => 400),
                     NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.LifRAscA, noVth), 0.05, 300, _ => 400));
        // and the currents (negative, hyperpolarizing) slow firing.
        Assert.True(NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.LifAsc, p), 0.05, 300, _ => 400).Count
                  < NeuronTestUtil.Run(new GlifNeuron(1, GlifLevel.Lif, p), 0.05, 300, _ => 400).Count);
    }

    /// <summary>ALIF written out naively in double precision from Bellec et al.'s update, for comparison.</summary>
    private static List<double> AlifReference(AdaptiveLifParams p, double current, double dt, double tEnd)
    {
        double v = p.EL, a = 0; int refLeft = 0;
        int refSteps = (int)Math.Round(p.Refractory / dt);
        var spikes = new List<double>();
        for (int s = 0; s < (int)Math.Round(tEnd / dt); s++)
        {
            v = p.EL + p.R * current + (v - p.EL - p.R * current) * Math.Exp(-dt / p.TauM);
            a *= Math.Exp(-dt / p.TauA);
            bool canSpike = refLeft == 0;
            if (refLeft > 0) refLeft--;
            if (canSpike && v > p.VThreshold + p.Beta * a)
            {
                spikes.Add(s * dt); a += 1; v -= p.VThreshold - p.EL; refLeft = refSteps - 1;
            }
        }
        return spikes;
    }

    [Fact]
    public void AdaptiveLif_MatchesNaiveReferenceAndAdapts()
    {
        var p = new AdaptiveLifParams();
        var spikes = NeuronTestUtil.Run(new AdaptiveLifNeuron(1, p), 0.1, 1000, _ => 150);
        var reference = AlifReference(p, 150, 0.1, 1000);
        Assert.Equal(reference.Count, spikes.Count);
        for (int i = 0; i < spikes.Count; i++) Assert.Equal(reference[i], spikes[i], 1e-9);
        var isi = NeuronTestUtil.Isis(spikes);
        Assert.True(isi[^1] > 1.5 * isi[0]);
        // beta = 0 removes adaptation: the ISI settles at once.
        var flat = NeuronTestUtil.Isis(NeuronTestUtil.Run(new AdaptiveLifNeuron(1, p with { Beta = 0 }), 0.1, 500, _ => 150));
        Assert.True(flat.Max() - flat.Min() <= 0.1 + 1e-9);
    }

    [Fact]
    public void AdaptiveLif_AdaptationDecaysWithTauA()
    {
        var p = new AdaptiveLifParams();
        var g = new AdaptiveLifNeuron(1, p);
        NeuronTestUtil.Run(g, 0.1, 200, _ => 150);
        float a0 = g.Adaptation[0];
        Assert.True(a0 > 0.5);
        NeuronTestUtil.Run(g, 0.1, 100, _ => 0);
        Assert.Equal(a0 * Math.Exp(-100 / p.TauA), g.Adaptation[0], 1e-5);
    }
}
