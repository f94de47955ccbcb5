using BrainSharp.Learning;
using BrainSharp.Learning.EProp;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Learning.Tasks;
using BrainSharp.Random;

using static BrainSharp.Tests.Learning.EPropFixture;

namespace BrainSharp.Tests.Learning;

public class EPropTests
{
    public static TheoryData<string> Spikes => new() { "triangle", "smooth" };
    public static TheoryData<string, ResetMode> SpikesAndResets => new()
    {
        { "triangle", ResetMode.Soft }, { "smooth", ResetMode.Soft }, { "triangle", ResetMode.Hard }, { "smooth", ResetMode.Hard },
    };

    [Theory]
    [MemberData(nameof(SpikesAndResets))]
    public void NaiveReferenceMatchesTheFusedBackwardWhenTheResetIsNotDetached(string spike, ResetMode reset)
    {
        // Guards the reference itself: without detaching it must reproduce EISpikingNetwork.Backward (FD-checked elsewhere).
        var net = new EISpikingNetwork<double>(Opts(Spike(spike), 0.6, dale: true, reset: reset));
        var batch = Batch(60, 3, 40);
        var naive = NaiveDetachedBptt.Gradient(net, batch, detachReset: false, rateLambda: 1e-4, targetHz: 10);
        net.ResetState(3);
        net.ZeroGrad();
        net.Forward(batch.Inputs, 3, 0, 60);
        var gy = new double[60 * 3 * 3];
        var (loss, _) = WindowCrossEntropy.Compute<double>(net.Output, 60, 3, 3, batch.Labels, 40, 60, gy);
        var gs = new double[12];
        loss += RateRegularizer.Compute<double>(net.SpikeCounts, 60, 3, 1, 1e-4, 10, 0, gs);
        net.Backward(gy, gs);
        Assert.Equal(loss, naive.Loss, 1e-10);
        Assert.True(RelErr(naive.DWin, net.InputWeights.Grad) < 1e-9);
        Assert.True(RelErr(naive.DWraw, net.RecurrentWeights.Grad) < 1e-9);
        Assert.True(RelErr(naive.DWout, net.OutputWeights.Grad) < 1e-9);
        Assert.True(RelErr(naive.DB, net.OutputBias.Grad) < 1e-9);
    }

    [Theory]
    [MemberData(nameof(SpikesAndResets))]
    public void WithoutRecurrenceEPropEqualsBpttWithTheResetDetached(string spike, ResetMode reset)
    {
        // W = 0: each neuron's spikes reach the loss only through the readout and its own adaptation, which e-prop's
        // eligibility vectors (ev, ea) carry exactly; so its gradient equals BPTT with the reset's derivative detached
        // (for the hard reset, the membrane eligibility restarts at each of the neuron's spikes).
        var net = new EISpikingNetwork<double>(Opts(Spike(spike), 0.0, dale: false, reset: reset));
        var batch = Batch(80, 3, 50);
        var detached = NaiveDetachedBptt.Gradient(net, batch, detachReset: true, rateLambda: 1e-4, targetHz: 10);
        var full = NaiveDetachedBptt.Gradient(net, batch, detachReset: false, rateLambda: 1e-4, targetHz: 10);
        var learner = new EPropLearner<double>(net);
        net.ZeroGrad();
        var r = learner.Run(batch, computeGradients: true, rateLambda: 1e-4, targetRateHz: 10);
        Assert.True(learner.SpikeCounts.ToArray().Sum() > 20, "the test needs spikes");
        Assert.Equal(detached.Loss, r.Loss, 1e-10);
        Assert.True(Norm(detached.DWin) > 1e-6 && Norm(detached.DWraw) > 1e-6);
        Assert.True(RelErr(net.InputWeights.Grad, detached.DWin) < 1e-6, $"w_in {RelErr(net.InputWeights.Grad, detached.DWin):E2}");
        Assert.True(RelErr(net.RecurrentWeights.Grad, detached.DWraw) < 1e-6, $"w_rec {RelErr(net.RecurrentWeights.Grad, detached.DWraw):E2}");
        Assert.True(RelErr(net.OutputWeights.Grad, detached.DWout) < 1e-6);
        Assert.True(RelErr(net.OutputBias.Grad, detached.DB) < 1e-6);
        // The reset does matter for the full gradient, so the comparison above can tell the two apart.
        Assert.True(RelErr(full.DWin, detached.DWin) > 1e-3, $"full vs detached {RelErr(full.DWin, detached.DWin):E2}");
    }

    [Theory]
    [InlineData(ResetMode.Soft)]
    [InlineData(ResetMode.Hard)]
    public void SingleLifNeuronWithoutAdaptationAlsoMatches(ResetMode reset)
    {
        var net = new EISpikingNetwork<double>(new SpikingNetworkOptions
        {
            Inputs = 5, Neurons = 1, Outputs = 3, Dt = 1, TauOutMs = 15, InputScale = 4, DalesLaw = false, Spike = SpikeFunction.Triangle(0.3),
            Seed = 5, Reset = reset,
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

    [Theory]
    [InlineData(ResetMode.Soft)]
    [InlineData(ResetMode.Hard)]
    public void WithRecurrenceForwardMatchesTheNetworkAndTheReadoutGradientIsExact(ResetMode reset)
    {
        var net = new EISpikingNetwork<double>(Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true, reset: reset));
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
        Assert.True(RelErr(net.OutputBias.Grad, exact.DB) < 1e-9);
        // e-prop's recurrent gradient is an approximation here, but it must point the same way as the true one.
        double dot = 0;
        for (int i = 0; i < exact.DWin.Length; i++) dot += exact.DWin[i] * net.InputWeights.Grad[i];
        Assert.True(dot > 0);
    }

    [Theory]
    [InlineData(ResetMode.Soft)]
    [InlineData(ResetMode.Hard)]
    public void Float32GradientAgreesWithFloat64(ResetMode reset)
    {
        // The CLI trains in float32; the smooth network keeps spikes from flipping at threshold, so the two must agree closely.
        var o = Opts(SpikeFunction.SmoothSigmoid(2), 0.6, dale: true, reset: reset);
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
    public void WorkingMemoryDoesNotGrowWithTrialLength()
    {
        var net = new EISpikingNetwork<double>(Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true));
        var learner = new EPropLearner<double>(net);
        long elements = learner.WorkingSetElements;
        var shortB = Batch(50, 2, 40);
        var longB = Batch(500, 2, 480);
        for (int w = 0; w < 3; w++) { learner.Run(shortB, true, 1e-4, 10); learner.Run(longB, true, 1e-4, 10); } // warm up (JIT tiers)
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        learner.Run(shortB, true, 1e-4, 10);
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        learner.Run(longB, true, 1e-4, 10);
        long a2 = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(elements, learner.WorkingSetElements);
        Assert.True(a2 - a1 <= (a1 - a0) + 256, $"T=500 allocated {a2 - a1} B, T=50 {a1 - a0} B");
        Assert.True(a2 - a1 < 4096, $"T=500 allocated {a2 - a1} B");
        // The buffers are sized by the network alone: [N, N_in + N] rows for traces, window sums, adaptation and gradient.
        Assert.True(elements < 6 * 12 * 17 + 500);
    }

    [Fact]
    public void RandomFeedbackIsSeededAndOnlyChangesTheHiddenGradients()
    {
        var net = new EISpikingNetwork<double>(Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true));
        var batch = Batch(60, 3, 40);
        var sym = new EPropLearner<double>(net);
        var rnd = new EPropLearner<double>(net, new EPropOptions { RandomFeedback = true, FeedbackSeed = 4 });
        Assert.Equal(rnd.Feedback.ToArray(), new EPropLearner<double>(net, new EPropOptions { RandomFeedback = true, FeedbackSeed = 4 }).Feedback.ToArray());
        net.ZeroGrad(); sym.Run(batch, true);
        var gSym = net.InputWeights.Grad.ToArray(); var oSym = net.OutputWeights.Grad.ToArray();
        net.ZeroGrad(); rnd.Run(batch, true);
        Assert.Equal(oSym, net.OutputWeights.Grad);
        Assert.True(RelErr(net.InputWeights.Grad, gSym) > 1e-3);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        // An undefined reset is refused by the network's own validation, before e-prop could see it.
        Assert.Contains("7", Assert.ThrowsAny<ArgumentException>(() =>
            new EPropLearner<double>(new EISpikingNetwork<double>(new SpikingNetworkOptions { Inputs = 5, Neurons = 4, Outputs = 3, Reset = (ResetMode)7 }))).Message);
        // Dynamics whose eligibility traces e-prop does not implement are refused, naming the setting.
        var gif = new EISpikingNetwork<double>(new SpikingNetworkOptions { Inputs = 5, Neurons = 4, Outputs = 3, AdaptiveFraction = 0.5, Adaptation = AdaptationMechanism.Current });
        Assert.Contains("Current", Assert.Throws<ArgumentException>(() => new EPropLearner<double>(gif)).Message);
        var cond = new EISpikingNetwork<double>(new SpikingNetworkOptions { Inputs = 5, Neurons = 4, Outputs = 3, Synapse = SynapseModel.Conductance });
        Assert.Contains("Conductance", Assert.Throws<ArgumentException>(() => new EPropLearner<double>(cond)).Message);
        var net = new EISpikingNetwork<double>(Opts(SpikeFunction.Triangle(0.3), 0.6, dale: true));
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => new EPropTrainer<double>(net, new TrainerOptions { TruncationSteps = 10 }));
        Assert.Contains("TruncationSteps", e2.Message);
        var wrong = new TaskBatch<double>(10, 1, 4, 3, new double[40], [0], 5, 10);
        Assert.Contains("4 inputs", Assert.Throws<ArgumentException>(() => new EPropLearner<double>(net).Run(wrong, true)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EPropLearner<double>(net).Run(Batch(10, 1, 5), true, rateLambda: -1));
    }

    [Fact]
    public void SmallDecisionTaskIsLearnedWellAboveChance()
    {
        var task = new PerceptualDecision(1, dt: 2, coherences: [25.6, 51.2], noiseSigma: 0.3, fixationMs: 20, stimulusMs: 100, responseMs: 20);
        var net = new EISpikingNetwork<float>(new SpikingNetworkOptions { Inputs = task.InputSize, Neurons = 40, Outputs = 2, Dt = task.Dt, InputScale = 3, Seed = 2 });
        var trainer = new EPropTrainer<float>(net, new TrainerOptions { Iterations = 40, BatchSize = 32, LearningRate = 0.02, ValidateEvery = 10, ValidationBatches = 2 });
        double before = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        trainer.Fit(task);
        double after = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        Assert.True(after >= 0.8, $"test accuracy {after:F3} (before training {before:F3})");
        Assert.True(trainer.History[^1].Loss < trainer.History[0].Loss);
    }
}
