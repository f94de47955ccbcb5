using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using BrainSharp.Learning;
using BrainSharp.Learning.EProp;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;

namespace BrainSharp.Cli.Commands;

/// <summary>
/// <c>brainsharp train &lt;task&gt; --out &lt;dir&gt;</c>: trains an 80/20 E/I spiking network under Dale's law on a
/// built-in cognitive task and writes result.json (accuracy on fresh test trials, timing), history.csv,
/// learning-curve.png and checkpoint.bin into the output folder. <c>--method bptt</c> (default) trains by backpropagation
/// through time, <c>--method eprop</c> by e-prop (online eligibility traces, Bellec et al. 2020) with the same recipe.
/// <c>--adaptation none|threshold|current</c>, <c>--synapse current|conductance</c> and <c>--train-taus</c> choose the
/// neuron and synapse variant (GIF adaptation current, conductance synapses, trainable time constants; BPTT only).
/// <c>--reset soft|hard</c> chooses the neurons' reset (subtract the threshold, or set v to rest); both learning rules support both.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var task = new Argument<string>("task") { Description = "Task: " + string.Join(", ", TaskCatalog.Names) };
        task.AcceptOnlyFromAmong([.. TaskCatalog.Names]);
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var method = new Option<string>("--method") { Description = "Learning rule: bptt (backpropagation through time) or eprop", DefaultValueFactory = _ => "bptt" };
        method.AcceptOnlyFromAmong("bptt", "eprop");
        var feedback = new Option<string>("--feedback") { Description = "e-prop learning-signal feedback: symmetric (W_out) or random (fixed random matrix)", DefaultValueFactory = _ => "symmetric" };
        feedback.AcceptOnlyFromAmong("symmetric", "random");
        var seed = new Option<ulong>("--seed") { Description = "Seed of trials and initial weights", DefaultValueFactory = _ => 1UL };
        var iterations = new Option<int>("--iterations") { Description = "Maximum number of gradient steps", DefaultValueFactory = _ => 300 };
        var neurons = new Option<int>("--neurons") { Description = "Recurrent neurons (80% excitatory)", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch") { Description = "Trials per gradient step", DefaultValueFactory = _ => 32 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 0.01 };
        var testTrials = new Option<int>("--test-trials") { Description = "Fresh trials for the test accuracy", DefaultValueFactory = _ => 1024 };
        var resume = new Option<bool>("--resume") { Description = "Continue from <out>/checkpoint.bin if it exists" };
        var adaptation = new Option<string?>("--adaptation")
        {
            Description = "Adaptive neurons: none, threshold (ALIF) or current (GIF adaptation current); default: the task's recipe (threshold on memory tasks, none otherwise)",
        };
        adaptation.AcceptOnlyFromAmong("none", "threshold", "current");
        var synapse = new Option<string>("--synapse") { Description = "Synapses: current or conductance (reversal potentials +60 / -20 mV from rest)", DefaultValueFactory = _ => "current" };
        synapse.AcceptOnlyFromAmong("current", "conductance");
        var trainTaus = new Option<string>("--train-taus")
        {
            Description = "Trainable per-neuron time constants: none, all, or a comma list of membrane, synapse, adaptation", DefaultValueFactory = _ => "none",
        };
        var reset = new Option<string>("--reset") { Description = "Membrane reset after a spike: soft (subtract the threshold) or hard (v to rest)", DefaultValueFactory = _ => "soft" };
        reset.AcceptOnlyFromAmong("soft", "hard");
        var cmd = new Command("train", "Train a spiking E/I network on a cognitive task")
        {
            task, output, method, feedback, seed, iterations, neurons, batch, lr, testTrials, resume, reset, adaptation, synapse, trainTaus,
        };
        cmd.SetAction(pr => Run(pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error, pr.GetValue(task)!, pr.GetValue(output)!, pr.GetValue(method)!, pr.GetValue(seed),
            pr.GetValue(iterations), pr.GetValue(neurons), pr.GetValue(batch), pr.GetValue(lr), pr.GetValue(testTrials), pr.GetValue(resume), pr.GetValue(feedback)!,
            pr.GetValue(adaptation), pr.GetValue(synapse)!, pr.GetValue(trainTaus)!, pr.GetValue(reset)!));
        return cmd;
    }

    /// <summary>Parses "none", "all" or a comma list of membrane, synapse, adaptation; null when a name is unknown.</summary>
    internal static TrainableTimeConstants? ParseTrainTaus(string text)
    {
        var r = TrainableTimeConstants.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "none": break;
                case "all": r |= TrainableTimeConstants.All; break;
                case "membrane": r |= TrainableTimeConstants.Membrane; break;
                case "synapse": r |= TrainableTimeConstants.Synapse; break;
                case "adaptation": r |= TrainableTimeConstants.AdaptationCurrent; break;
                default: return null;
            }
        }
        return r;
    }

    internal static int Run(TextWriter stdout, TextWriter stderr, string taskName, DirectoryInfo outDir, string method, ulong seed, int iterations, int neurons,
        int batch, double lr, int testTrials, bool resume, string feedback = "symmetric", string? adaptation = null, string synapse = "current", string trainTaus = "none",
        string reset = "soft")
    {
        if (reset is not ("soft" or "hard"))
        {
            stderr.WriteLine($"train: unknown reset '{reset}'; use --reset soft or --reset hard.");
            return 2;
        }
        if (method is not ("bptt" or "eprop"))
        {
            stderr.WriteLine($"train: unknown method '{method}'; use --method bptt or --method eprop.");
            return 2;
        }
        if (neurons <= 0 || batch <= 0 || iterations < 0 || testTrials <= 0)
        {
            stderr.WriteLine($"train: --neurons ({neurons}), --batch ({batch}) and --test-trials ({testTrials}) must be positive, --iterations ({iterations}) non-negative.");
            return 2;
        }
        if (ParseTrainTaus(trainTaus) is not TrainableTimeConstants taus)
        {
            stderr.WriteLine($"train: unknown --train-taus '{trainTaus}'; use none, all, or a comma list of membrane, synapse, adaptation.");
            return 2;
        }
        if (adaptation is not (null or "none" or "threshold" or "current") || synapse is not ("current" or "conductance"))
        {
            stderr.WriteLine($"train: unknown --adaptation '{adaptation}' or --synapse '{synapse}'.");
            return 2;
        }
        if (taus.HasFlag(TrainableTimeConstants.AdaptationCurrent) && adaptation != "current")
        {
            stderr.WriteLine("train: --train-taus adaptation trains the adaptation current's tau_w; it needs --adaptation current.");
            return 2;
        }
        string ckpt = Path.Combine(outDir.FullName, "checkpoint.bin");
        var recipe = TrainingRecipe.For(taskName, neurons, seed, iterations, batch, lr, ckpt, reset == "hard" ? ResetMode.Hard : ResetMode.Soft).WithDynamics(
            adaptation switch { "threshold" => AdaptationMechanism.Threshold, "current" => AdaptationMechanism.Current, _ => null },
            noAdaptation: adaptation == "none", synapse: synapse == "conductance" ? SynapseModel.Conductance : SynapseModel.Current, trainTimeConstants: taus);
        if (method == "eprop" && recipe.Network.UsesExtendedDynamics)
        {
            stderr.WriteLine("train: e-prop supports LIF/ALIF neurons with current synapses and fixed time constants; use --method bptt for " +
                "--adaptation current, --synapse conductance or --train-taus.");
            return 2;
        }
        Directory.CreateDirectory(outDir.FullName);
        var net = new EISpikingNetwork<float>(recipe.Network);
        GradientTrainer<float> trainer = method == "eprop"
            ? new EPropTrainer<float>(net, recipe.Trainer, new EPropOptions { RandomFeedback = feedback == "random", FeedbackSeed = seed })
            : new BpttTrainer<float>(net, recipe.Trainer);
        if (resume && File.Exists(ckpt))
        {
            trainer.Resume(ckpt);
            stdout.WriteLine($"resumed from {ckpt} at step {trainer.Iteration}");
        }
        trainer.Progress = new SyncProgress(r =>
        {
            if (!double.IsNaN(r.ValidationAccuracy))
                stdout.WriteLine($"step {r.Iteration + 1,5}  loss {r.Loss,8:F4}  train acc {r.TrainAccuracy:F3}  val acc {r.ValidationAccuracy:F3}  rate {r.MeanRateHz,5:F1} Hz  {r.Seconds,7:F1} s");
        });
        stdout.WriteLine($"train {taskName}: {neurons} neurons ({net.ExcitatoryCount} E / {neurons - net.ExcitatoryCount} I, Dale's law), " +
            $"{recipe.Task.Steps} steps of {recipe.Task.Dt} ms per trial, batch {batch}, {(method == "eprop" ? $"e-prop ({feedback} feedback)" : "BPTT")}, {reset} reset, float32, " +
            $"{DynamicsLabel(recipe.Network)}");
        double seconds;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        try { seconds = trainer.Fit(recipe.Task); }
        catch (TrainingDivergedException e)
        {
            stderr.WriteLine(e.Message);
            return 3;
        }
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var sw = Stopwatch.StartNew();
        int testBatches = Math.Max(1, testTrials / batch);
        double test = trainer.Evaluate(recipe.Task, DataSplit.Test, testBatches, batch);
        double evalSeconds = sw.Elapsed.TotalSeconds;
        stdout.WriteLine($"test accuracy {test:F4} on {testBatches * batch} fresh trials; training {seconds:F1} s for {trainer.History.Count} steps");

        WriteResult(Path.Combine(outDir.FullName, "result.json"), taskName, method, method == "eprop" ? feedback : null, recipe, net, trainer, test, testBatches * batch, seconds, cpuSeconds, evalSeconds, seed);
        WriteHistory(Path.Combine(outDir.FullName, "history.csv"), trainer.History);
        LearningCurve.Save(Path.Combine(outDir.FullName, "learning-curve.png"), trainer.History, taskName);
        return 0;
    }

    private static void WriteResult(string path, string taskName, string method, string? feedback, TrainingRecipe recipe, EISpikingNetwork<float> net,
        GradientTrainer<float> trainer, double test, int testCount, double seconds, double cpuSeconds, double evalSeconds, ulong seed)
    {
        using var fs = File.Create(path);
        using var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("task", taskName);
        w.WriteString("method", method);
        if (feedback is not null) w.WriteString("feedback", feedback);
        w.WriteNumber("neurons", net.Neurons);
        w.WriteNumber("excitatory", net.ExcitatoryCount);
        w.WriteNumber("inhibitory", net.Neurons - net.ExcitatoryCount);
        w.WriteBoolean("dales_law", net.Options.DalesLaw);
        w.WriteString("reset", net.Options.Reset == ResetMode.Hard ? "hard" : "soft");
        w.WriteNumber("adaptive_fraction", net.Options.AdaptiveFraction);
        w.WriteString("adaptation", net.Options.AdaptiveFraction > 0 ? net.Options.Adaptation.ToString().ToLowerInvariant() : "none");
        w.WriteString("synapse", net.Options.Synapse.ToString().ToLowerInvariant());
        w.WriteStartArray("trained_time_constants");
        if (net.LogTauMem is not null) w.WriteStringValue("membrane");
        if (net.LogTauSyn is not null) w.WriteStringValue("synapse");
        if (net.LogTauW is not null) w.WriteStringValue("adaptation");
        w.WriteEndArray();
        if (net.LogTauMem is not null) WriteMeanTau(w, "mean_tau_mem_ms", net, TrainableTimeConstants.Membrane);
        if (net.LogTauSyn is not null) WriteMeanTau(w, "mean_tau_syn_ms", net, TrainableTimeConstants.Synapse);
        if (net.LogTauW is not null) WriteMeanTau(w, "mean_tau_w_ms", net, TrainableTimeConstants.AdaptationCurrent);
        w.WriteNumber("test_accuracy", test);
        w.WriteNumber("test_trials", testCount);
        w.WriteNumber("iterations", trainer.History.Count);
        w.WriteNumber("train_seconds", seconds);
        w.WriteNumber("train_cpu_seconds", cpuSeconds);
        w.WriteNumber("seconds_per_iteration", trainer.History.Count > 0 ? seconds / trainer.History.Count : 0);
        w.WriteNumber("test_eval_seconds", evalSeconds);
        w.WriteNumber("best_validation_accuracy", double.IsNaN(trainer.BestValidationAccuracy) ? 0 : trainer.BestValidationAccuracy);
        w.WriteNumber("batch", recipe.Trainer.BatchSize);
        w.WriteNumber("learning_rate", recipe.Trainer.LearningRate);
        w.WriteNumber("dt_ms", recipe.Task.Dt);
        w.WriteNumber("steps_per_trial", recipe.Task.Steps);
        w.WriteNumber("seed", seed);
        w.WriteString("precision", "float32");
        w.WriteString("timestamp_utc", DateTime.UtcNow.ToString("O"));
        w.WriteEndObject();
    }

    private static void WriteMeanTau(Utf8JsonWriter w, string name, EISpikingNetwork<float> net, TrainableTimeConstants which)
    {
        double sum = 0;
        foreach (var t in net.TimeConstantsMs(which)) sum += t;
        w.WriteNumber(name, sum / net.Neurons);
    }

    private static string DynamicsLabel(SpikingNetworkOptions o)
    {
        string adapt = o.AdaptiveFraction == 0 ? "no adaptation" : $"{o.AdaptiveFraction:P0} {(o.Adaptation == AdaptationMechanism.Current ? "GIF adaptation current" : "ALIF threshold")}";
        string taus = o.TrainTimeConstants == TrainableTimeConstants.None ? "" : $", trained taus: {o.TrainTimeConstants}";
        return $"{adapt}, {o.Synapse.ToString().ToLowerInvariant()} synapses{taus}";
    }

    private static void WriteHistory(string path, IReadOnlyList<TrainingRecord> history)
    {
        using var sw = new StreamWriter(path);
        sw.WriteLine("iteration,loss,train_accuracy,validation_accuracy,mean_rate_hz,seconds");
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var r in history)
            sw.WriteLine(string.Create(ci, $"{r.Iteration},{r.Loss},{r.TrainAccuracy},{(double.IsNaN(r.ValidationAccuracy) ? "" : r.ValidationAccuracy.ToString(ci))},{r.MeanRateHz},{r.Seconds}"));
    }

    // Progress<T> posts to the thread pool; a console tool wants lines in order, on the training thread.
    private sealed class SyncProgress(Action<TrainingRecord> report) : IProgress<TrainingRecord>
    {
        public void Report(TrainingRecord value) => report(value);
    }
}
