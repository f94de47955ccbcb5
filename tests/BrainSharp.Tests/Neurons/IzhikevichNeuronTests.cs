using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

/// <summary>Izhikevich (2003) Fig. 2 patterns: step input I = 10 from t = 20 ms, Euler at dt = 0.1 ms.</summary>
public class IzhikevichNeuronTests
{
    private static List<double> Isis(IzhikevichParams p, double tEnd = 400)
        => NeuronTestUtil.Isis(NeuronTestUtil.Run(new IzhikevichNeuron(1, p), 0.1, tEnd, t => t >= 20 ? 10 : 0));

    [Fact]
    public void RegularSpiking_AdaptsWithIncreasingIntervals()
    {
        var isi = Isis(IzhikevichParams.RegularSpiking);
        Assert.True(isi.Count >= 4);
        Assert.True(isi.Min() > 10, "RS fires single spikes, no bursts");
        for (int i = 1; i < isi.Count; i++) Assert.True(isi[i] >= isi[i - 1] - 0.2, $"ISI {i} shrank: {isi[i - 1]} -> {isi[i]}");
        Assert.True(isi[^1] > 1.5 * isi[0], $"adaptation: first {isi[0]}, last {isi[^1]}");
    }

    [Fact]
    public void FastSpiking_HighRateWithoutAdaptation()
    {
        var isi = Isis(IzhikevichParams.FastSpiking);
        var late = isi.Skip(4).ToList();
        double mean = late.Average(), sd = Math.Sqrt(late.Select(x => (x - mean) * (x - mean)).Average());
        Assert.True(1000 / mean > 100, $"FS steady rate {1000 / mean} Hz");
        Assert.True(sd / mean < 0.05, $"FS steady ISIs vary: CV {sd / mean}");
        double rsRate = 1000 / Isis(IzhikevichParams.RegularSpiking).Skip(4).Average();
        Assert.True(1000 / mean > 3 * rsRate);
    }

    [Fact]
    public void IntrinsicallyBursting_InitialBurstThenSingleSpikes()
    {
        var isi = Isis(IzhikevichParams.IntrinsicallyBursting);
        Assert.True(isi[0] < 6 && isi[1] < 6, $"initial burst ISIs {isi[0]}, {isi[1]}");
        Assert.True(isi.Skip(2).All(x => x > 20), "after the burst only single spikes");
        Assert.True(isi.Count >= 6);
    }

    [Fact]
    public void Chattering_RepeatedHighFrequencyBursts()
    {
        var isi = Isis(IzhikevichParams.Chattering);
        int bursts = 0, inBurst = 0;
        foreach (double x in isi)
        {
            if (x < 8) inBurst++;
            else if (x > 25) { Assert.True(inBurst >= 2, $"burst with only {inBurst + 1} spikes"); bursts++; inBurst = 0; }
            else Assert.Fail($"ISI {x} ms is neither intra- nor inter-burst");
        }
        Assert.True(bursts >= 4, $"{bursts} bursts");
    }

    [Fact]
    public void ResetRule_AppliesCAndD()
    {
        var g = new IzhikevichNeuron(1, IzhikevichParams.Chattering);
        var clock = new BrainSharp.Dynamics.Clock(0.1);
        float uBefore = 0;
        for (int s = 0; s < 5000; s++)
        {
            clock.Step = s;
            uBefore = g.U[0];
            g.InputCurrent[0] = 10;
            g.Update(clock);
            if (g.Spikes.Count > 0) break;
        }
        Assert.Equal(1, g.Spikes.Count);
        Assert.Equal(-50f, g.V[0]);
        // One Euler step of u from uBefore, then + d = 2.
        Assert.InRange(g.U[0] - uBefore, 2f, 2.2f);
    }
}
