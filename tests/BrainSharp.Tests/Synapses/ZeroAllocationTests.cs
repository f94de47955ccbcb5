using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Plasticity;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Synapses;

/// <summary>Per-step updates of the synin models must not allocate (simulation mode).</summary>
public class ZeroAllocationTests
{
    private static long Allocated(Action step)
    {
        for (int k = 0; k < 20; k++) step();                   // JIT and tiering warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 200; k++) step();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void SynapseKineticsOutputsAndInputsDoNotAllocatePerStep()
    {
        var clock = new Clock(0.1);
        var post = new PassiveGroup(64) { RecordTrace = false };
        SynapseDynamics[] syns = [new DeltaSynapse(64), new DualExponentialSynapse(64), new AlphaSynapse(64),
            new AmpaSynapse(64), new GabaASynapse(64), new NmdaSynapse(64)];
        var mg = new MagnesiumBlockOutput();
        var gj = new GapJunction(post, post, [0, 1], [1, 2], 1.0);
        DynamicalSystem[] inputs = [new ConstantCurrent(post, 10), new StepCurrent(post, [(0.0, 5.0, 10.0)]),
            new RampCurrent(post, 0, 10, 0, 5), new SinusoidalCurrent(post, 5, 10), new OrnsteinUhlenbeckCurrent(post, 0, 5, 5, 1),
            new PoissonInput(syns[1], 100, 10, 1, 2), new PoissonInput(post, 100, 10, 1, 3)];
        var poisson = new PoissonGroup(64, 50, 4);
        var gen = new SpikeGeneratorGroup(4, [0, 1, 2], [0.5, 1.0, 1.5]);
        var stp = new TsodyksMarkram(0.3, 100, 50);
        stp.Build(64, clock);
        var stdp = new PairStdp();
        stdp.Build(64, 64, clock);
        int[] rowPtr = Enumerable.Range(0, 65).ToArray(), postIdx = Enumerable.Range(0, 64).ToArray();
        var w = new float[64];
        int[] spikes = [3, 7, 9];
        var eff = new float[3];
        long bytes = Allocated(() =>
        {
            foreach (var i in inputs) i.Update(clock);
            gj.Update(clock);
            foreach (var s in syns) { s.Arrivals[5] += 1; s.Update(clock); }
            mg.Apply(syns[5].Value, post);
            post.Update(clock);
            poisson.Update(clock);
            gen.Update(clock);
            stp.OnSpikes(spikes, clock.T, eff);
            stdp.Step(clock, spikes, spikes, rowPtr, postIdx, rowPtr, postIdx, postIdx, w);
            clock.Step++;
        });
        Assert.Equal(0, bytes);
    }
}
