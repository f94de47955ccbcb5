using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Running;

namespace BrainSharp.Tests.Simulation;

public class LifNeuronTests
{
    // Reference case: dv/dt = (1.2 - v) / 10 ms, threshold 1, reset 0. With C_m = 100 pF, g_L = 10 nS: tau = 10 ms,
    // and I_ext = 12 pA gives R I = 1.2 mV.
    private static LifParams Drive(double tRef) => new() { Cm = 100, GL = 10, EL = 0, VTh = 1, VReset = 0, TRef = tRef, IExt = 12 };

    private static double[] SpikeTimes(LifParams p, double dt, double ms)
    {
        var net = new Network(seed: 1);
        var lif = net.Add(new LifNeuron(1, p));
        var mon = net.Add(new SpikeMonitor(lif));
        new Simulator(net, dt).Run(ms);
        return mon.GetTimes();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    public void PeriodMatchesClosedFormAtSmallDt(double tRef)
    {
        double tau = 10, ri = 1.2, theta = 1, vr = 0;
        double period = tau * Math.Log(ri / (ri - (theta - vr))) + tRef;
        var t = SpikeTimes(Drive(tRef), 0.01, 200);
        Assert.True(t.Length >= 5);
        double measured = (t[^1] - t[0]) / (t.Length - 1);
        Assert.InRange(measured, period * 0.999, period * 1.001);
    }

    [Fact]
    public void SpikeTimesMatchBrian2AtDt01()
    {
        // Brian2 (exact integrator) stamps 17.9, 35.9, 53.9 ms and fires 55 times in 1 s.
        var t = SpikeTimes(Drive(0), 0.1, 1000);
        Assert.Equal(55, t.Length);
        Assert.Equal(17.9, t[0], 9);
        Assert.Equal(35.9, t[1], 9);
        Assert.Equal(53.9, t[2], 9);
    }

    [Fact]
    public void RefractoryPeriodMatchesBrian2AtDt01()
    {
        // Brian2: 43 spikes in 1 s, mean interval 22.9 ms with a 5 ms refractory period.
        var t = SpikeTimes(Drive(5), 0.1, 1000);
        Assert.Equal(43, t.Length);
        Assert.Equal(22.9, (t[^1] - t[0]) / (t.Length - 1), 6);
    }

    [Fact]
    public void SubthresholdResponseToConductanceIsExact()
    {
        // Constant conductance g (reversal E) and current I: v(t) = v_inf + (v0 - v_inf) exp(-t (g_L + g) / C).
        var p = new LifParams { Cm = 200, GL = 10, EL = -65, VTh = 100, VReset = -70, TRef = 0 };
        var lif = new LifNeuron(3, p) { InitialV = -70 };
        var clock = new Clock(0.1);
        lif.Prepare(clock); lif.Reset(0);
        double g = 25, e = -10, i = 30;
        for (int s = 0; s < 200; s++, clock.Step++)
        {
            for (int k = 0; k < 3; k++) { lif.InputConductance[k] = (float)g; lif.InputCurrent[k] = (float)(g * e + i); }
            lif.Update(clock);
        }
        double gt = p.GL + g, vinf = (p.GL * p.EL + g * e + i) / gt;
        double expected = vinf + (-70 - vinf) * Math.Exp(-20.0 * gt / p.Cm);
        for (int k = 0; k < 3; k++) Assert.Equal(expected, lif.V[k], 2e-3);
        Assert.All(lif.InputCurrent, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void RandomInitialVoltageIsSeededAndDistributed()
    {
        var a = new LifNeuron(5000, LifParams.Coba) { InitialV = Initializer.Uniform(-60, -50) };
        var b = new LifNeuron(5000, LifParams.Coba) { InitialV = Initializer.Uniform(-60, -50) };
        a.Reset(7); b.Reset(7);
        Assert.Equal(a.V, b.V);
        Assert.All(a.V, v => Assert.InRange(v, -60f, -50f));
        Assert.InRange(a.V.Average(), -55.3, -54.7); // mean -55, SE 2.9/sqrt(5000) = 0.04
    }

    [Theory]
    [InlineData("Cm", -1.0)]
    [InlineData("GL", 0.0)]
    [InlineData("TRef", -2.0)]
    [InlineData("VReset", -40.0)]
    public void BadParameterThrowsNamingIt(string name, double value)
    {
        var p = name switch
        {
            "Cm" => LifParams.Coba with { Cm = value },
            "GL" => LifParams.Coba with { GL = value },
            "TRef" => LifParams.Coba with { TRef = value },
            _ => LifParams.Coba with { VReset = value },
        };
        var ex = Assert.ThrowsAny<ArgumentException>(() => new LifNeuron(10, p, "cells"));
        Assert.Contains("LifNeuron 'cells'", ex.Message);
        Assert.Contains(name, ex.Message);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }
}
