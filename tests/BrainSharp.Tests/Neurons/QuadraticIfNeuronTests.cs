using BrainSharp.Integrators;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

public class QuadraticIfNeuronTests
{
    [Theory]
    [InlineData(10.0)]
    [InlineData(40.0)]
    public void Period_MatchesArctanClosedForm(double current)
    {
        // tau dv/dt = a0 (v - m)^2 + a0 (RI/a0 - d^2) with m = (V_rest + V_c)/2, d = (V_c - V_rest)/2; the time from
        // V_reset to V_peak is tau/(a0 k) [atan((V_peak - m)/k) - atan((V_reset - m)/k)], k^2 = RI/a0 - d^2.
        var p = new QuadraticIfParams();
        double m = 0.5 * (p.VRest + p.VC), d = 0.5 * (p.VC - p.VRest);
        double k = Math.Sqrt(p.R * current / p.A0 - d * d);
        double period = p.Tau / (p.A0 * k) * (Math.Atan((p.VPeak - m) / k) - Math.Atan((p.VReset - m) / k));
        const double dt = 0.01;
        var spikes = NeuronTestUtil.Run(new QuadraticIfNeuron(1, p), dt, 400, _ => current);
        var isi = NeuronTestUtil.Isis(spikes).Skip(1).ToList();
        Assert.True(isi.Count >= 5);
        // A spike is stamped with the step in which v crosses V_peak: each ISI is the period rounded up to a step.
        foreach (double x in isi) Assert.InRange(x, period - 1e-6, period + dt + 1e-6);
    }

    [Fact]
    public void Rheobase_MatchesClosedForm()
    {
        var p = new QuadraticIfParams();
        double rheobase = p.A0 * Math.Pow(p.VC - p.VRest, 2) / (4 * p.R);
        Assert.Equal(rheobase, p.Rheobase, 12);
        Assert.Empty(NeuronTestUtil.Run(new QuadraticIfNeuron(1, p), 0.1, 1000, _ => 0.95 * rheobase));
        Assert.NotEmpty(NeuronTestUtil.Run(new QuadraticIfNeuron(1, p), 0.1, 1000, _ => 1.1 * rheobase));
    }

    [Fact]
    public void AdaptiveQif_RheobaseAndAdaptation()
    {
        // Izhikevich (2007) RS cell: with u on its nullcline the rest state vanishes at (k (v_t - v_r) + b)^2 / (4k) = 51.4 pA.
        var p = AdaptiveQifParams.RegularSpiking;
        double rheobase = Math.Pow(p.K * (p.VThreshold - p.VRest) + p.B, 2) / (4 * p.K);
        Assert.Equal(51.428571, rheobase, 5);
        Assert.Empty(NeuronTestUtil.Run(new AdaptiveQifNeuron(1), 0.1, 2000, _ => 0.97 * rheobase));
        Assert.NotEmpty(NeuronTestUtil.Run(new AdaptiveQifNeuron(1), 0.1, 2000, _ => 1.05 * rheobase));
        var isi = NeuronTestUtil.Isis(NeuronTestUtil.Run(new AdaptiveQifNeuron(1), 0.1, 1000, _ => 300));
        Assert.True(isi.Count >= 10);
        for (int i = 1; i < isi.Count; i++) Assert.True(isi[i] >= isi[i - 1] - 0.15);
        Assert.True(isi[^1] > 1.3 * isi[0], $"RS adaptation: {isi[0]} -> {isi[^1]}");
    }

    [Fact]
    public void Methods_AgreeOnSpikeTimes()
    {
        var rk4 = NeuronTestUtil.Run(new QuadraticIfNeuron(1), 0.01, 200, _ => 20);
        var heun = NeuronTestUtil.Run(new QuadraticIfNeuron(1, method: OdeMethod.Heun), 0.01, 200, _ => 20);
        var exp = NeuronTestUtil.Run(new QuadraticIfNeuron(1, method: OdeMethod.ExponentialEuler), 0.01, 200, _ => 20);
        Assert.Equal(rk4.Count, heun.Count);
        Assert.Equal(rk4.Count, exp.Count);
        for (int i = 0; i < rk4.Count; i++)
        {
            Assert.True(Math.Abs(rk4[i] - heun[i]) <= 0.011);
            Assert.True(Math.Abs(rk4[i] - exp[i]) <= 0.1 + 0.01 * rk4[i] / 10, $"{exp[i]} vs {rk4[i]}");
        }
    }
}
