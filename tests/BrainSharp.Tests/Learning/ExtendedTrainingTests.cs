using BrainSharp.Learning;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;
using BrainSharp.Numerics;
using BrainSharp.Optimizers;
using BrainSharp.Random;

namespace BrainSharp.Tests.Learning;

/// <summary>Short training runs of the GIF, conductance and trainable-time-constant networks: they must actually learn.</summary>
public class ExtendedTrainingTests
{
    private static PerceptualDecision SmallTask(ulong seed = 1) =>
        new(seed, dt: 2, coherences: [25.6, 51.2], noiseSigma: 0.3, fixationMs: 20, stimulusMs: 100, responseMs: 20);

    [Theory]
    [InlineData("gif")]
    [InlineData("conductance")]
    [InlineData("conductance-gif-taus")]
    public void SmallTaskIsLearnedWellAboveChance(string kind)
    {
        var task = SmallTask();
        var o = new SpikingNetworkOptions { Inputs = task.InputSize, Neurons = 40, Outputs = 2, Dt = task.Dt, InputScale = 3, Seed = 2 };
        o = kind switch
        {
            "gif" => o with { Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 1, TauAdaptMs = 100, SubthresholdAdaptation = 0.1 },
            "conductance" => o with { Synapse = SynapseModel.Conductance },
            _ => o with
            {
                Synapse = SynapseModel.Conductance, Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 1, TauAdaptMs = 100,
                TrainTimeConstants = TrainableTimeConstants.All,
            },
        };
        var net = new EISpikingNetwork<float>(o);
        var tau0 = net.TimeConstantsMs(TrainableTimeConstants.Membrane);
        var trainer = new BpttTrainer<float>(net, new TrainerOptions { Iterations = 40, BatchSize = 32, LearningRate = 0.02, ValidateEvery = 10, ValidationBatches = 2 });
        double before = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        trainer.Fit(task);
        double after = trainer.Evaluate(task, DataSplit.Test, 4, 32);
        Assert.True(before < 0.7, $"{kind}: untrained accuracy {before:F3} is already high; the test would not show learning");
        Assert.True(after >= 0.8, $"{kind}: test accuracy {after:F3} (before training {before:F3})");
        Assert.True(trainer.History[^1].Loss < 0.8 * trainer.History[0].Loss, $"{kind}: loss {trainer.History[0].Loss:F3} -> {trainer.History[^1].Loss:F3}");
        if (net.LogTauMem is not null)
        {
            var tau1 = net.TimeConstantsMs(TrainableTimeConstants.Membrane);
            Assert.Contains(tau1.Select((t, j) => Math.Abs(t - tau0[j])), d => d > 0.05);
        }
    }

    [Fact]
    public void MembraneTimeConstantsOfATeacherAreRecoveredByGradientDescent()
    {
        // Teacher and student share weights and inputs; only tau_m differs (teacher 8 ms per neuron, student 25 ms).
        // Fitting the student's readout to the teacher's by Adam on log tau_m alone must find the teacher's taus. The readout
        // is the identity (one leaky unit per neuron) so that every neuron's activity, hence its tau, is observed.
        const int steps = 60, batch = 4, nin = 2, n = 8, k = n;
        var o = new SpikingNetworkOptions
        {
            Inputs = nin, Neurons = n, Outputs = k, Spike = SpikeFunction.SmoothSigmoid(1), InputScale = 3, RecurrentScale = 1,
            TrainTimeConstants = TrainableTimeConstants.Membrane, Seed = 5,
        };
        var teacher = new EISpikingNetwork<double>(o);
        var student = new EISpikingNetwork<double>(o);
        double[] target = [8, 6, 10, 8, 12, 7, 9, 8];
        for (int j = 0; j < n; j++) teacher.LogTauMem!.Value[j] = Math.Log(target[j]);
        foreach (var net in new[] { teacher, student })
        {
            Array.Clear(net.OutputWeights.Value);
            for (int j = 0; j < n; j++) net.OutputWeights.Value[j * k + j] = 1;
        }
        Array.Fill(student.LogTauMem!.Value, Math.Log(25));
        var rng = new RandomStream(3);
        var x = new double[steps * batch * nin];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() < 0.5 ? 0 : 2 * rng.NextDouble();
        teacher.ResetState(batch);
        teacher.Forward(x, batch, 0, steps);
        var yT = teacher.Output.ToArray();

        var adam = new Adam<double>(0.05);
        var p = student.LogTauMem;
        var pv = new[] { new Tensor<double>(p.Value, p.Shape) };
        var gv = new[] { new Tensor<double>(p.Grad, p.Shape) };
        var gy = new double[yT.Length];
        double Step()
        {
            student.ResetState(batch);
            student.Forward(x, batch, 0, steps);
            var y = student.Output;
            double loss = 0;
            for (int i = 0; i < y.Length; i++) { double d = y[i] - yT[i]; loss += d * d / y.Length; gy[i] = 2 * d / y.Length; }
            student.ZeroGrad();
            student.Backward(gy);
            return loss;
        }
        double first = Step(), last = first;
        for (int it = 0; it < 300; it++)
        {
            adam.Step(pv, gv);
            last = Step();
        }
        var tau = student.TimeConstantsMs(TrainableTimeConstants.Membrane);
        string all = string.Join(", ", tau.Select(t => t.ToString("F2")));
        for (int j = 0; j < n; j++) Assert.True(Math.Abs(tau[j] / target[j] - 1) < 0.05, $"neuron {j}: tau_m {tau[j]:F2} ms, teacher {target[j]} ms (all: {all}; loss {first:E3} -> {last:E3})");
        Assert.True(last < 1e-3 * first, $"loss {first:E3} -> {last:E3}");
    }

    [Fact]
    public void CheckpointCarriesTrainedTimeConstants()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-train6-" + Guid.NewGuid().ToString("N"));
        try
        {
            var task = SmallTask();
            var o = new SpikingNetworkOptions
            {
                Inputs = task.InputSize, Neurons = 20, Outputs = 2, Dt = task.Dt, InputScale = 3, Seed = 2, Synapse = SynapseModel.Conductance,
                Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, TauAdaptMs = 100, TrainTimeConstants = TrainableTimeConstants.All,
            };
            string ck = Path.Combine(dir, "ck.bin");
            var a = new EISpikingNetwork<float>(o);
            new BpttTrainer<float>(a, new TrainerOptions { Iterations = 3, BatchSize = 8, LearningRate = 0.05, ValidateEvery = 3, ValidationBatches = 1, RestoreBest = false, CheckpointPath = ck }).Fit(task);
            Assert.Contains(a.LogTauSyn!.Value, v => Math.Abs(v - Math.Log(5)) > 1e-3);
            var b = new EISpikingNetwork<float>(o);
            new BpttTrainer<float>(b, new TrainerOptions()).Resume(ck);
            Assert.Equal(7, b.Parameters.Count);
            for (int p = 0; p < a.Parameters.Count; p++) Assert.Equal(a.Parameters[p].Value, b.Parameters[p].Value);
            // A network without the trainable taus cannot take this checkpoint.
            var plain = new EISpikingNetwork<float>(o with { TrainTimeConstants = TrainableTimeConstants.None });
            Assert.Throws<InvalidDataException>(() => new BpttTrainer<float>(plain, new TrainerOptions()).Resume(ck));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Float32GradientsAgreeWithFloat64()
    {
        var o = new SpikingNetworkOptions
        {
            Inputs = 3, Neurons = 10, Outputs = 2, Spike = SpikeFunction.SmoothSigmoid(2), InputScale = 3, Seed = 4, Synapse = SynapseModel.Conductance,
            Adaptation = AdaptationMechanism.Current, AdaptiveFraction = 0.5, AdaptationMv = 2, TauAdaptMs = 60, SubthresholdAdaptation = 0.3,
            TrainTimeConstants = TrainableTimeConstants.All,
        };
        var n64 = new EISpikingNetwork<double>(o);
        var n32 = new EISpikingNetwork<float>(o);
        const int steps = 50, batch = 3;
        var rng = new RandomStream(5);
        var x = new double[steps * batch * 3];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() < 0.3 ? 0 : 2 * rng.NextDouble();
        var g = new double[steps * batch * 2];
        for (int i = 0; i < g.Length; i++) g[i] = 0.1 * rng.NextNormal();
        n64.ResetState(batch); n64.Forward(x, batch, 0, steps); n64.Backward(g);
        n32.ResetState(batch); n32.Forward(x.Select(v => (float)v).ToArray(), batch, 0, steps); n32.Backward(g.Select(v => (float)v).ToArray());
        for (int p = 0; p < n64.Parameters.Count; p++)
        {
            var a = n64.Parameters[p].Grad; var b = n32.Parameters[p].Grad;
            double num = 0, den = 0;
            for (int k = 0; k < a.Length; k++) { num += (a[k] - b[k]) * (a[k] - b[k]); den += a[k] * a[k]; }
            Assert.True(den > 0 && Math.Sqrt(num / den) < 1e-3, $"{n64.Parameters[p].Name}: float32 gradient differs by {Math.Sqrt(num / den):E2}");
        }
    }
}
