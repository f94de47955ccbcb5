using BrainSharp.Learning;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Tests.Learning;

public class BpttTrainerTests
{
    // A short perceptual decision: 70 steps of 2 ms, easy coherences.
    private static PerceptualDecision SmallTask(ulong seed = 1) =>
        new(seed, dt: 2, coherences: [25.6, 51.2], noiseSigma: 0.3, fixationMs: 20, stimulusMs: 100, responseMs: 20);

    private static EISpikingNetwork<float> SmallNet(CognitiveTask task, ulong seed = 2) => new(new SpikingNetworkOptions
    {
        Inputs = task.InputSize, Neurons = 40, Outputs = 2, Dt = task.Dt, InputScale = 3, Seed = seed,
    });

    [Fact]
    public void TinyTaskIsLearnedWellAboveChance()
    {
        var task = SmallTask();
        var net = SmallNet(task);
        var trainer = new BpttTrainer<float>(net, new TrainerOptions { Iterations = 40, BatchSize = 32, LearningRate = 0.02, ValidateEvery = 10, ValidationBatches = 2 });
        double before = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        trainer.Fit(task);
        double after = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        Assert.True(after >= 0.8, $"test accuracy {after:F3} (before training {before:F3})");
        Assert.True(trainer.History[^1].Loss < trainer.History[0].Loss);
    }

    [Fact]
    public void TruncatedBpttAlsoLearns()
    {
        var task = SmallTask(3);
        var net = SmallNet(task, 4);
        // 70 steps in chunks of 35: the response window [60, 70) lies in the second chunk.
        var trainer = new BpttTrainer<float>(net, new TrainerOptions { Iterations = 40, BatchSize = 32, LearningRate = 0.02, TruncationSteps = 35, ValidateEvery = 0 });
        trainer.Fit(task);
        Assert.True(trainer.Evaluate(task, DataSplit.Test, 4, 32) >= 0.75);
    }

    [Fact]
    public void TruncationThatSplitsTheResponseWindowIsRejected()
    {
        var task = SmallTask();
        var trainer = new BpttTrainer<float>(SmallNet(task), new TrainerOptions { Iterations = 1, TruncationSteps = 65 });
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(task));
        Assert.Contains("TruncationSteps", e.Message);
    }

    [Fact]
    public void ResumeFromCheckpointContinuesExactly()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            var task = SmallTask();
            TrainerOptions Opts(int it, string? ck) => new() { Iterations = it, BatchSize = 16, LearningRate = 0.02, ValidateEvery = 3, ValidationBatches = 1, RestoreBest = false, CheckpointPath = ck };
            var straight = new BpttTrainer<float>(SmallNet(task), Opts(6, null));
            straight.Fit(task);

            string ck = Path.Combine(dir, "ck.bin");
            var first = new BpttTrainer<float>(SmallNet(task), Opts(3, ck));
            first.Fit(task);
            Assert.False(File.Exists(ck + ".tmp"));
            var second = new BpttTrainer<float>(SmallNet(task, seed: 99), Opts(6, ck)); // different init: everything must come from the file
            second.Resume(ck);
            Assert.Equal(3, second.Iteration);
            Assert.Equal(3, second.Optimizer.StepCount);
            second.Fit(task);
            for (int p = 0; p < 4; p++)
                Assert.Equal(straight.Network.Parameters[p].Value, second.Network.Parameters[p].Value);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void NonFiniteParameterStopsTrainingAndKeepsLastGoodCheckpoint()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            var task = SmallTask();
            string ck = Path.Combine(dir, "ck.bin");
            var net = SmallNet(task);
            var trainer = new BpttTrainer<float>(net, new TrainerOptions { Iterations = 2, BatchSize = 8, ValidateEvery = 2, ValidationBatches = 1, CheckpointPath = ck, RestoreBest = false });
            trainer.Fit(task);
            byte[] good = File.ReadAllBytes(ck);
            net.OutputWeights.Value[3] = float.PositiveInfinity;
            var more = new BpttTrainer<float>(net, new TrainerOptions { Iterations = 4, BatchSize = 8, ValidateEvery = 1, ValidationBatches = 1, CheckpointPath = ck });
            var e = Assert.Throws<TrainingDivergedException>(() => more.Fit(task));
            Assert.Equal(0, e.Iteration);
            Assert.Contains("w_out", e.Message);
            Assert.Equal(good, File.ReadAllBytes(ck));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void EarlyStoppingAtTargetAccuracy()
    {
        var task = SmallTask();
        var trainer = new BpttTrainer<float>(SmallNet(task), new TrainerOptions { Iterations = 50, BatchSize = 8, ValidateEvery = 2, ValidationBatches = 1, TargetAccuracy = 0.0 });
        trainer.Fit(task);
        Assert.Equal(2, trainer.History.Count);
    }

    [Fact]
    public void CheckpointOfWrongModelIsRejected()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            var task = SmallTask();
            string ck = Path.Combine(dir, "ck.bin");
            new BpttTrainer<float>(SmallNet(task), new TrainerOptions { Iterations = 1, BatchSize = 4, ValidateEvery = 1, ValidationBatches = 1, CheckpointPath = ck }).Fit(task);
            var other = new EISpikingNetwork<float>(new SpikingNetworkOptions { Inputs = task.InputSize, Neurons = 30, Outputs = 2, Dt = 2 });
            var before = (float[])other.RecurrentWeights.Value.Clone();
            var e = Assert.Throws<InvalidDataException>(() => new BpttTrainer<float>(other, new TrainerOptions()).Resume(ck));
            Assert.Contains("w_in", e.Message);
            Assert.Equal(before, other.RecurrentWeights.Value);
            Assert.Throws<InvalidDataException>(() => new BpttTrainer<double>(new EISpikingNetwork<double>(SmallNet(task).Options), new TrainerOptions()).Resume(ck));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
