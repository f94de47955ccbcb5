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
    // The reference-vs-fused and no-recurrence equalities run for both resets in EPropTests.
    private static SpikingNetworkOptions Opts(SpikeFunction spike, double recurrentScale, bool dale, double adaptive = 0.5, ulong seed = 3)
        => EPropFixture.Opts(spike, recurrentScale, dale, adaptive, seed, ResetMode.Hard);

    [Fact]
    public void SingleHardResetLifNeuronWithoutAdaptationMatches()
    {
        var net = new EISpikingNetwork<double>(new SpikingNetworkOptions
        {
            Inputs = 5, Neurons = 1, Outputs = 3, Dt = 1, TauOutMs = 15, InputScale = 4, DalesLaw = false, Spike = SpikeFunction.Triangle(0.3),
            Seed = 5, Reset = ResetMode.Hard,
        });
        var batch = Batch(70, 2, 30, seed: 9);
        var detached = NaiveDetachedBptt.Gradient(net, batch, detachReset: true);
        net.ZeroGrad();
        var learner = new EPropLearner<double>(net);
        learner.Run(batch, computeGradients: true);
        Assert.True(learner.SpikeCounts[0] > 3, "the neuron must spike for the reset to matter");
        Assert.True(Norm(detached.DWin) > 1e-6);
        Assert.True(RelErr(net.InputWeights.Grad, detached.DWin) < 1e-6);
        Assert.True(RelErr(net.OutputWeights.Grad, detached.DWout) < 1e-6);
    }

    [Fact]
    public void WithRecurrenceTheForwardPassIsTheNetworksAndTheGradientPointsDownhill()
    {
        var net = new EISpikingNetwork<double>(Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true));
        var batch = Batch(60, 3, 40, seed: 21);
        var exact = NaiveDetachedBptt.Gradient(net, batch, detachReset: false);
        var learner = new EPropLearner<double>(net);
        var logits = new double[3 * 3];
        net.ZeroGrad();
        var r = learner.Run(batch, true, logitsOut: logits);
        Assert.Equal(exact.Loss, r.Loss, 1e-10);
        net.ResetState(3);
        net.Forward(batch.Inputs, 3, 0, 60);
        for (int b = 0; b < 3; b++)
            for (int k = 0; k < 3; k++)
            {
                double m = 0;
                for (int t = 40; t < 60; t++) m += net.Output[(t * 3 + b) * 3 + k] / 20;
                Assert.Equal(m, logits[b * 3 + k], 1e-12);
            }
        Assert.Equal(net.SpikeCounts.ToArray(), learner.SpikeCounts.ToArray());
        Assert.True(RelErr(net.OutputWeights.Grad, exact.DWout) < 1e-9);
        double dot = 0;
        for (int i = 0; i < exact.DWin.Length; i++) dot += exact.DWin[i] * net.InputWeights.Grad[i];
        Assert.True(dot > 0);
    }

    [Fact]
    public void HardResetFloat32GradientAgreesWithFloat64()
    {
        // The CLI trains in float32 (smooth spikes so that no spike flips at threshold between the two precisions).
        var o = Opts(SpikeFunction.SmoothSigmoid(2), 0.6, dale: true);
        var n64 = new EISpikingNetwork<double>(o);
        var n32 = new EISpikingNetwork<float>(o);
        var b64 = Batch(60, 3, 40);
        var b32 = new TaskBatch<float>(60, 3, 5, 3, b64.Inputs.Select(v => (float)v).ToArray(), b64.Labels, 40, 60);
        n64.ZeroGrad(); n32.ZeroGrad();
        new EPropLearner<double>(n64).Run(b64, true, 1e-4, 10);
        new EPropLearner<float>(n32).Run(b32, true, 1e-4, 10);
        for (int q = 0; q < 4; q++)
        {
            var g32 = n32.Parameters[q].Grad.Select(v => (double)v).ToArray();
            Assert.True(Norm(n64.Parameters[q].Grad) > 0);
            Assert.True(RelErr(g32, n64.Parameters[q].Grad) < 1e-3, $"{n64.Parameters[q].Name}: {RelErr(g32, n64.Parameters[q].Grad):E2}");
        }
    }

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
