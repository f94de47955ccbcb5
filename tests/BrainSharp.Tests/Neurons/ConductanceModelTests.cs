using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

/// <summary>Hodgkin-Huxley, Wang-Buzsaki and Morris-Lecar against published behaviour and independent calculations.</summary>
public class ConductanceModelTests
{
    [Fact]
    public void HodgkinHuxley_RestsAtMinus65AndFiresOvershootingSpike()
    {
        // Reference (Hodgkin & Huxley 1952, shifted to rest at -65 mV): rest -65 mV; a suprathreshold brief pulse gives
        // an action potential overshooting to about +40 mV (peak 40-50 mV), then an afterhyperpolarization below -70 mV.
        var g = new HodgkinHuxleyNeuron(1);
        var trace = new List<float>();
        var spikes = NeuronTestUtil.Run(g, 0.01, 50, t => t >= 10 && t < 11 ? 10000 : 0, trace: trace);
        Assert.InRange(trace[999], -65.1f, -64.9f);
        Assert.Single(spikes);
        float peak = trace.Max();
        Assert.InRange(peak, 38f, 50f);
        int iPeak = trace.IndexOf(peak);
        Assert.InRange(iPeak * 0.01, 10.0, 13.0);
        Assert.True(trace.Skip(iPeak).Min() < -70f, "afterhyperpolarization");
        Assert.InRange(trace[^1], -66f, -64f);
    }

    [Fact]
    public void HodgkinHuxley_SubthresholdPulseNoSpike_AndMethodsAgree()
    {
        Assert.Empty(NeuronTestUtil.Run(new HodgkinHuxleyNeuron(1), 0.01, 30, t => t >= 10 && t < 11 ? 400 : 0)); // 4 mV kick: below threshold
        var exp = new List<float>(); var rk4 = new List<float>();
        NeuronTestUtil.Run(new HodgkinHuxleyNeuron(1), 0.01, 30, t => t >= 10 && t < 11 ? 10000 : 0, trace: exp);
        NeuronTestUtil.Run(new HodgkinHuxleyNeuron(1, method: OdeMethod.RungeKutta4), 0.01, 30, t => t >= 10 && t < 11 ? 10000 : 0, trace: rk4);
        Assert.True(Math.Abs(exp.IndexOf(exp.Max()) - rk4.IndexOf(rk4.Max())) <= 5, "peak times within 0.05 ms");
        Assert.True(Math.Abs(exp.Max() - rk4.Max()) < 1.0);
    }

    [Fact]
    public void WangBuzsaki_TypeOneExcitability()
    {
        // Type I: no firing at 0, the rate rises from near zero at rheobase (about 0.16 uA/cm^2 = 16 pA here) and
        // exceeds 50 Hz at 1 uA/cm^2 (100 pA).
        double Rate(double i) => NeuronTestUtil.Run(new WangBuzsakiNeuron(1), 0.02, 1000, _ => i).Count;
        var trace = new List<float>();
        NeuronTestUtil.Run(new WangBuzsakiNeuron(1), 0.02, 200, _ => 0, trace: trace);
        Assert.InRange(trace[^1], -66f, -63f);
        double lo = 0, hi = 100;
        for (int it = 0; it < 7; it++) { double mid = 0.5 * (lo + hi); if (Rate(mid) > 0) hi = mid; else lo = mid; }
        Assert.InRange(hi, 10, 25);
        Assert.True(Rate(hi * 1.02) < 12, $"rate just above rheobase {Rate(hi * 1.02)} Hz");
        Assert.True(Rate(100) > 50);
    }

    [Fact]
    public void MorrisLecar_RestMatchesIvRootAndOnsetIsClassTwo()
    {
        // Rest: root of the steady-state current g_Ca m_inf (v - E_Ca) + g_K w_inf (v - E_K) + g_L (v - E_L) = 0.
        var p = new MorrisLecarParams();
        double Iss(double v) => p.GCa * 0.5 * (1 + Math.Tanh((v - p.V1) / p.V2)) * (v - p.ECa)
                               + p.GK * 0.5 * (1 + Math.Tanh((v - p.V3) / p.V4)) * (v - p.EK) + p.GL * (v - p.EL);
        double a = -80, b = -40;
        for (int i = 0; i < 100; i++) { double m = 0.5 * (a + b); if (Iss(a) * Iss(m) <= 0) b = m; else a = m; }
        var trace = new List<float>();
        NeuronTestUtil.Run(new MorrisLecarNeuron(1), 0.05, 1000, _ => 0, trace: trace);
        Assert.Equal(a, trace[^1], 0.05);
        // Class II: below onset no repetitive firing; just above onset it fires at a clearly nonzero rate.
        var below = NeuronTestUtil.Run(new MorrisLecarNeuron(1), 0.1, 3000, _ => 8000);
        Assert.True(below.Count <= 1);
        double lo = 8000, hi = 12000;
        for (int it = 0; it < 6; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (NeuronTestUtil.Run(new MorrisLecarNeuron(1), 0.1, 3000, _ => mid).Count > 5) hi = mid; else lo = mid;
        }
        var onset = NeuronTestUtil.Isis(NeuronTestUtil.Run(new MorrisLecarNeuron(1), 0.1, 3000, _ => hi));
        Assert.True(1000 / onset[^1] > 5, $"rate at onset {1000 / onset[^1]} Hz");
    }

    [Fact]
    public void SpikeDetectionNeedsUpwardCrossing()
    {
        // Held above threshold by a large current, v stays high: only the crossing counts.
        var g = new HodgkinHuxleyNeuron(1);
        var clock = new Clock(0.01);
        int count = 0;
        for (int s = 0; s < 300; s++)
        {
            clock.Step = s;
            g.InputCurrent[0] = 1e6f;
            g.Update(clock);
            count += g.Spikes.Count;
        }
        Assert.Equal(1, count);
    }
}
