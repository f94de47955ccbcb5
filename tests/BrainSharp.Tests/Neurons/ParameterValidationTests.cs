using BrainSharp.Integrators;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

public class ParameterValidationTests
{
    public static IEnumerable<object[]> BadModels() => new (string model, string param, Action build)[]
    {
        ("IzhikevichNeuron", "A", () => new IzhikevichNeuron(1, new IzhikevichParams { A = -0.02 })),
        ("IzhikevichNeuron", "C", () => new IzhikevichNeuron(1, new IzhikevichParams { C = 40 })),
        ("AdExNeuron", "TauW", () => new AdExNeuron(1, AdExParams.NaudTonic with { TauW = 0 })),
        ("AdExNeuron", "DeltaT", () => new AdExNeuron(1, AdExParams.NaudTonic with { DeltaT = double.NaN })),
        ("ExpIfNeuron", "C", () => new ExpIfNeuron(1, new ExpIfParams { C = -1 })),
        ("QuadraticIfNeuron", "VRest", () => new QuadraticIfNeuron(1, new QuadraticIfParams { VRest = -40 })),
        ("AdaptiveQifNeuron", "K", () => new AdaptiveQifNeuron(1, new AdaptiveQifParams { K = 0 })),
        ("HodgkinHuxleyNeuron", "GNa", () => new HodgkinHuxleyNeuron(1, new HodgkinHuxleyParams { GNa = -1 })),
        ("WangBuzsakiNeuron", "Phi", () => new WangBuzsakiNeuron(1, new WangBuzsakiParams { Phi = 0 })),
        ("MorrisLecarNeuron", "V2", () => new MorrisLecarNeuron(1, new MorrisLecarParams { V2 = 0 })),
        ("FitzHughNagumoNeuron", "Tau", () => new FitzHughNagumoNeuron(1, new FitzHughNagumoParams { Tau = double.PositiveInfinity })),
        ("HindmarshRoseNeuron", "R", () => new HindmarshRoseNeuron(1, new HindmarshRoseParams { R = -0.01 })),
        ("GifNeuron", "K1", () => new GifNeuron(1, new GifParams { K1 = 0 })),
        ("GlifNeuron", "G", () => new GlifNeuron(1, GlifLevel.Lif, new GlifParams { G = -9 })),
        ("GlifNeuron", "AscAmps", () => new GlifNeuron(1, GlifLevel.LifAsc, new GlifParams { AscAmps = [1.0] })),
        ("GlifNeuron", "AscDecay[1]", () => new GlifNeuron(1, GlifLevel.LifAsc, new GlifParams { AscDecay = [0.003, -0.1] })),
        ("GlifNeuron", "level", () => new GlifNeuron(1, (GlifLevel)7)),
        ("AdaptiveLifNeuron", "TauA", () => new AdaptiveLifNeuron(1, new AdaptiveLifParams { TauA = 0 })),
        ("AdaptiveLifNeuron", "Beta", () => new AdaptiveLifNeuron(1, new AdaptiveLifParams { Beta = -1 })),
        ("HodgkinHuxleyNeuron", "method", () => new HodgkinHuxleyNeuron(1, method: (OdeMethod)99)),
    }.Select(x => new object[] { x.model, x.param, x.build });

    [Theory]
    [MemberData(nameof(BadModels))]
    public void BadParameter_ThrowsNamingModelAndParameter(string model, string param, Action build)
    {
        var e = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Contains(model, e.Message);
        Assert.Contains(param, e.Message);
    }

    [Fact]
    public void NegativeSizeOrBatch_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdExNeuron(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IzhikevichNeuron(3, batch: 0));
    }

    [Fact]
    public void BatchAndSize_AreIndependentCopies()
    {
        // Two batch elements of 3 neurons, input only into flat index 4: only that neuron spikes, with its flat index.
        var g = new IzhikevichNeuron(3, batch: 2);
        var clock = new BrainSharp.Dynamics.Clock(0.1);
        var seen = new HashSet<int>();
        for (int s = 0; s < 2000; s++)
        {
            clock.Step = s;
            g.InputCurrent[4] = 10;
            g.Update(clock);
            foreach (int k in g.Spikes.Current) seen.Add(k);
        }
        Assert.Equal(new HashSet<int> { 4 }, seen);
        Assert.Equal(6, g.State("u").Values.Length);
    }
}
