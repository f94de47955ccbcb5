using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

public class SynapseTests
{
    [Fact]
    public void ExponentialDecayIsExact()
    {
        var syn = new ExponentialSynapse(19, tau: 5) { Initial = 1.0 };
        var clock = new Clock(0.1);
        syn.Prepare(clock); syn.Reset(0);
        for (int s = 0; s < 500; s++, clock.Step++) syn.Update(clock);
        double expected = Math.Exp(-50.0 / 5); // 50 ms
        // float32: 500 multiplications, each rounding by <= 6e-8 relative
        Assert.All(syn.Value, g => Assert.Equal(expected, g, expected * 5e-5));
    }

    [Fact]
    public void ArrivalsAddInstantlyAfterDecay()
    {
        var syn = new ExponentialSynapse(2, tau: 10);
        var clock = new Clock(0.5);
        syn.Prepare(clock); syn.Reset(0);
        syn.Arrivals[1] = 3f;
        syn.Update(clock);
        Assert.Equal(0f, syn.Value[0]);
        Assert.Equal(3f, syn.Value[1]);
        Assert.Equal(0f, syn.Arrivals[1]);
        syn.Arrivals[1] = 1f;
        syn.Update(clock);
        Assert.Equal(3 * Math.Exp(-0.05) + 1, syn.Value[1], 5);
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void BadTauThrowsNamingIt(double tau)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new ExponentialSynapse(3, tau, "g_e"));
        Assert.Contains("ExponentialSynapse 'g_e'", ex.Message);
        Assert.Contains("tau", ex.Message);
        Assert.Contains(tau.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void OutputsWriteAccumulators()
    {
        var lif = new LifNeuron(11, LifParams.Coba);
        var g = Enumerable.Range(0, 11).Select(i => (float)(i + 1)).ToArray();
        new ConductanceOutput(-80).Apply(g, lif);
        new CurrentOutput().Apply(g, lif);
        for (int i = 0; i < 11; i++)
        {
            Assert.Equal(g[i] * -80f + g[i], lif.InputCurrent[i]);
            Assert.Equal(g[i], lif.InputConductance[i]);
        }
    }
}
