#:project ../src/BrainSharp/BrainSharp.csproj
// Trains an 80/20 E/I spiking network (Dale's law; half LIF, half adaptive LIF) on the evidence-accumulation
// task of Bellec et al. (2020) by BPTT, with the same recipe as `brainsharp train evidence-accumulation`,
// and reports test accuracy on fresh trials and training wall time.
// Usage: dotnet run -c Release examples/train-evidence.cs -- [iterations] [neurons] [seed]
using System.Diagnostics;
using BrainSharp.Learning;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Tasks;

int iterations = args.Length > 0 ? int.Parse(args[0]) : 300;
int neurons = args.Length > 1 ? int.Parse(args[1]) : 200;
ulong seed = args.Length > 2 ? ulong.Parse(args[2]) : 1;

var recipe = TrainingRecipe.For("evidence-accumulation", neurons, seed, iterations);
var task = (EvidenceAccumulation)recipe.Task;
var net = new EISpikingNetwork<float>(recipe.Network);
var trainer = new BpttTrainer<float>(net, recipe.Trainer)
{
    Progress = new Progress<TrainingRecord>(r =>
    {
        if (!double.IsNaN(r.ValidationAccuracy))
            Console.WriteLine($"step {r.Iteration + 1,4}  loss {r.Loss:F4}  train acc {r.TrainAccuracy:F3}  rate {r.MeanRateHz,5:F1} Hz  val {r.ValidationAccuracy:F3}  {r.Seconds,6:F1} s");
    }),
};
Console.WriteLine($"evidence accumulation: {task.Cues} cues, delay {task.DelayMs} ms, dt {task.Dt} ms, {task.Steps} steps/trial; " +
    $"{neurons} neurons ({net.ExcitatoryCount} E, Dale's law), batch {recipe.Trainer.BatchSize}");
double secs = trainer.Fit(task);
var sw = Stopwatch.StartNew();
int batch = recipe.Trainer.BatchSize;
double test = trainer.Evaluate(task, DataSplit.Test, 1024 / batch, batch);
Console.WriteLine($"test accuracy {test:F4} on {1024 / batch * batch} fresh trials; training {secs:F1} s for {trainer.History.Count} steps " +
    $"({secs / trainer.History.Count:F3} s/step); best validation {trainer.BestValidationAccuracy:F3}; evaluation {sw.Elapsed.TotalSeconds:F1} s");
