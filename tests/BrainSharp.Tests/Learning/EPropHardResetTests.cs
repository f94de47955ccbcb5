using BrainSharp.Learning;
using BrainSharp.Learning.EProp;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Learning.Tasks;
using BrainSharp.Random;

using static BrainSharp.Tests.Learning.EPropFixture;

namespace BrainSharp.Tests.Learning;

/// <summary>e-prop with the hard reset (v -> 0 after a spike), checked like the soft reset in <see cref="EPropTests"/>.</summary>
public class EPropHardResetTests
{
    // The gradient equalities, the forward pass and float32 vs float64 run for both resets in EPropTests.
    private static SpikingNetworkOptions Opts(SpikeFunction spike, double recurrentScale, bool dale, double adaptive = 0.5, ulong seed = 3)
        => EPropFixture.Opts(spike, recurrentScale, dale, adaptive, seed, ResetMode.Hard);

    [Fact]
    public void HardResetWorkingMemoryDoesNotGrowWithTrialLength()
    {
        var net = new EISpikingNetwork<double>(Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true));
        var learner = new EPropLearner<double>(net);
        long elements = learner.WorkingSetElements;
        var shortB = Batch(50, 2, 40);
        var longB = Batch(500, 2, 480);
        for (int w = 0; w < 3; w++) { learner.Run(shortB, true, 1e-4, 10); learner.Run(longB, true, 1e-4, 10); }
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        learner.Run(longB, true, 1e-4, 10);
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(elements, learner.WorkingSetElements);
        Assert.True(a1 - a0 < 4096, $"T=500 allocated {a1 - a0} B");
        // One more [N, N_in + N] block than the soft reset (the per-row reset corrections).
        var softLearner = new EPropLearner<double>(new EISpikingNetwork<double>(EPropFixture.Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true, reset: ResetMode.Soft)));
        Assert.Equal(softLearner.WorkingSetElements + 12 * 17 + 12, elements);
    }

    [Fact]
    public void HardResetEPropLearnsASmallDecisionTask()
    {
        var task = new PerceptualDecision(1, dt: 2, coherences: [25.6, 51.2], noiseSigma: 0.3, fixationMs: 20, stimulusMs: 100, responseMs: 20);
        var net = new EISpikingNetwork<float>(new SpikingNetworkOptions
        {
            Inputs = task.InputSize, Neurons = 40, Outputs = 2, Dt = task.Dt, InputScale = 3, Seed = 2, Reset = ResetMode.Hard,
        });
        var trainer = new EPropTrainer<float>(net, new TrainerOptions { Iterations = 40, BatchSize = 32, LearningRate = 0.02, ValidateEvery = 10, ValidationBatches = 2 });
        double before = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        trainer.Fit(task);
        double after = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        Assert.True(after >= 0.8, $"test accuracy {after:F3} (before training {before:F3})");
        Assert.True(after > before + 0.1, $"test accuracy {after:F3} vs {before:F3} before training");
        Assert.True(trainer.History[^1].Loss < trainer.History[0].Loss);
    }
}
