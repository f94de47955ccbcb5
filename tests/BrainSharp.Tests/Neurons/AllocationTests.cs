using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Neurons;
using BrainSharp.RateModels;

namespace BrainSharp.Tests.Neurons;

public class AllocationTests
{
    public static IEnumerable<object[]> Systems() => new Func<DynamicalSystem>[]
    {
        () => new TraubMilesNeuron(64), () => new HodgkinHuxleyNeuron(64), () => new WangBuzsakiNeuron(64),
        () => new MorrisLecarNeuron(64), () => new AdExNeuron(64), () => new ExpIfNeuron(64),
        () => new IzhikevichNeuron(64), () => new QuadraticIfNeuron(64), () => new AdaptiveQifNeuron(64),
        () => new FitzHughNagumoNeuron(64), () => new HindmarshRoseNeuron(64), () => new GifNeuron(64),
        () => new GlifNeuron(64, GlifLevel.LifRAscA), () => new AdaptiveLifNeuron(64),
        () => new AdExNeuron(64, method: OdeMethod.RungeKutta4),
        () => new WilsonCowanModel(64), () => new ThresholdLinearNetwork(64, new float[64 * 64]),
        () => new FitzHughNagumoPopulation(64, new FitzHughNagumoPopulationParams { NoiseSigma = 0.1 }), () => new QifMeanField(64),
    }.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Systems))]
    public void Update_AllocatesNothing(Func<DynamicalSystem> make)
    {
        var s = make();
        var clock = new Clock(0.1);
        float[] input = s is NeuronGroup g ? g.InputCurrent : ((RateGroup)s).Input;
        for (int k = 0; k < 20; k++) { clock.Step = k; input[0] = 500; s.Update(clock); } // warm up (JIT tiers)
        // On a loaded machine the tier-1 recompilation can land inside a window, and tier-0 code heap-allocates what
        // tier-1 code keeps on the stack. A real per-step allocation shows in every window, so a window of 200 steps
        // with zero bytes must come within a few tries.
        long bytes = long.MaxValue;
        for (int attempt = 0, k = 20; attempt < 6 && bytes != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int end = k + 200; k < end; k++) { clock.Step = k; input[0] = 500; s.Update(clock); }
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(0, bytes);
    }
}
