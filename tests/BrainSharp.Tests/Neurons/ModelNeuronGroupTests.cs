using BrainSharp.Dynamics;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

/// <summary>The shared scaffolding of the built-in models: state listing, reset of inputs and spikes, whole-group update.</summary>
public class ModelNeuronGroupTests
{
    private static NeuronGroup[] Models(int n, int batch) =>
    [
        new AdExNeuron(n, batch: batch), new AdaptiveLifNeuron(n, batch: batch), new AdaptiveQifNeuron(n, batch: batch),
        new ExpIfNeuron(n, batch: batch), new FitzHughNagumoNeuron(n, batch: batch), new GifNeuron(n, batch: batch),
        new GlifNeuron(n, GlifLevel.LifRAscA, batch: batch), new HindmarshRoseNeuron(n, batch: batch),
        new HodgkinHuxleyNeuron(n, batch: batch), new IzhikevichNeuron(n, batch: batch), new MorrisLecarNeuron(n, batch: batch),
        new QuadraticIfNeuron(n, batch: batch), new WangBuzsakiNeuron(n, batch: batch),
    ];

    [Fact]
    public void StatesStartWithTheMembraneAndAreSizedBatchTimesSize()
    {
        foreach (var m in Models(7, 3))
        {
            Assert.Same(m.V, m.States[0].Values);
            Assert.All(m.States, s => Assert.Equal(21, s.Values.Length));
            Assert.Equal(m.States.Count, m.States.Select(s => s.Name).Distinct().Count());
            Assert.Equal(m.States.Count, m.States.Select(s => s.Values).Distinct().Count());
        }
    }

    [Fact]
    public void UpdateEqualsRangeUpdatesAndResetRestoresTheInitialStateAndClearsInputs()
    {
        var clock = new Clock(0.05);
        var a = Models(6, 1);
        var b = Models(6, 1);
        Span<int> spikes = stackalloc int[6];
        for (int k = 0; k < a.Length; k++)
        {
            var initial = a[k].States.Select(s => (float[])s.Values.Clone()).ToArray();
            for (int step = 0; step < 400; step++)
            {
                for (int i = 0; i < 6; i++) { a[k].InputCurrent[i] = b[k].InputCurrent[i] = 300 + 50 * i; }
                a[k].Update(clock);
                int n1 = b[k].UpdateRange(clock, 0, 4, spikes);
                int n2 = b[k].UpdateRange(clock, 4, 6, spikes[n1..]);
                Assert.Equal(a[k].Spikes.Current.ToArray(), spikes[..(n1 + n2)].ToArray());
            }
            for (int s = 0; s < a[k].States.Count; s++) Assert.Equal(a[k].States[s].Values, b[k].States[s].Values);
            a[k].InputCurrent[2] = 5; a[k].InputConductance[3] = 1;
            a[k].Reset(0);
            for (int s = 0; s < initial.Length; s++) Assert.Equal(initial[s], a[k].States[s].Values);
            Assert.All(a[k].InputCurrent, v => Assert.Equal(0f, v));
            Assert.All(a[k].InputConductance, v => Assert.Equal(0f, v));
            Assert.Equal(0, a[k].Spikes.Count);
        }
    }

    [Fact]
    public void BadParameterThrowsThroughTheBaseNamingModelParameterAndValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdExNeuron(3, new AdExParams { C = -2 }));
        Assert.Contains("AdExNeuron", e.Message); Assert.Contains("C", e.Message); Assert.Contains("-2", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => new HodgkinHuxleyNeuron(3, method: (BrainSharp.Integrators.OdeMethod)99));
    }
}
