// A liquid state machine (Maass, Natschlaeger & Markram 2002): a fixed random 80/20 E/I network of 400 LIF neurons
// (Dale's law, p = 0.1, exponential current synapses) driven by a random input current u(t) (a new value every 20 ms).
// Ridge readouts of the filtered spike trains (tau 20 ms) are trained to output u from k samples ago; the held-out R^2
// is compared with the same ridge on the raw input, which has no memory. Writes out/reservoir_raster.png and
// out/reservoir_recall.png.
//
//   dotnet run -c Release examples/spiking-reservoir.cs -- [neurons] [seed]
#:project ../src/BrainSharp/BrainSharp.csproj
#:project ../src/BrainSharp.IO/BrainSharp.IO.csproj
#:project ../src/BrainSharp.Plotting/BrainSharp.Plotting.csproj

using System.Diagnostics;
using BrainSharp.IO;
using BrainSharp.Learning.Reservoir;
using BrainSharp.Plotting;
using BrainSharp.Random;
using BrainSharp.Running;

int neurons = args.Length > 0 ? int.Parse(args[0]) : 400;
ulong seed = args.Length > 1 ? ulong.Parse(args[1]) : 3;

// 1. The reservoir: an ordinary simulation network (LifNeuron groups "E" and "I", four Projections, input currents).
using var res = new SpikingReservoir(new SpikingReservoirOptions { Neurons = neurons, Seed = seed });
var spikesE = res.Network.Add(new SpikeMonitor(res.Excitatory));
var spikesI = res.Network.Add(new SpikeMonitor(res.Inhibitory));

// 2. Drive it with white input, one value per 20 ms sample, and collect one feature vector per sample.
int washout = 50, train = 1500, test = 500, samples = washout + train + test, n = res.Neurons;
var rng = new RandomStream(9, 1);
var u = new double[samples];
for (int t = 0; t < samples; t++) u[t] = 2 * rng.NextDouble() - 1;
var x = new double[samples * n];
var sw = Stopwatch.StartNew();
res.Collect(u.AsSpan(0, washout), washout, x.AsSpan(0, washout * n));
// The first second (the washout) as a raster recording; the monitors keep counting afterwards.
double firstMs = res.TimeMs;
var recording = MonitorExport.ToRecording([spikesE, spikesI], durationMs: firstMs);
res.Collect(u.AsSpan(washout), samples - washout, x.AsSpan(washout * n));
double simSeconds = sw.Elapsed.TotalSeconds;
double bioMs = res.TimeMs;
Console.WriteLine($"{n} neurons ({res.Excitatory.Size} E / {res.Inhibitory.Size} I), {bioMs / 1000:F1} s simulated in {simSeconds:F2} s; " +
    $"rates E {spikesE.MeanRateHz:F1} Hz, I {spikesI.MeanRateHz:F1} Hz");

// 3. One ridge readout per delay k, fitted on the training samples and scored on the held-out ones.
static double R2(ReadOnlySpan<double> p, ReadOnlySpan<double> y)
{
    double m = 0, ss = 0, st = 0;
    foreach (var v in y) m += v / y.Length;
    for (int i = 0; i < y.Length; i++) { ss += (p[i] - y[i]) * (p[i] - y[i]); st += (y[i] - m) * (y[i] - m); }
    return 1 - ss / st;
}
double[] Fit(double[] feats, int d, double[] y, double lambda)
{
    var ro = RidgeReadout.Fit(feats.AsSpan(washout * d, train * d), train, d, y.AsSpan(washout, train), 1, lambda);
    var pred = new double[test];
    ro.Predict(feats.AsSpan((washout + train) * d, test * d), test, pred);
    return pred;
}
Console.WriteLine("delay      R^2 reservoir   R^2 raw input (no memory)");
double[] shown = [], shownTarget = [];
for (int k = 0; k <= 4; k++)
{
    var y = new double[samples];
    for (int t = k; t < samples; t++) y[t] = u[t - k];
    var pred = Fit(x, n, y, 1e3);
    var yTest = y.AsSpan(washout + train, test);
    Console.WriteLine($"{k * res.Options.SampleMs,4} ms   {R2(pred, yTest),12:F3}   {R2(Fit(u, 1, y, 1e-9), yTest),12:F3}");
    if (k == 1) { shown = pred; shownTarget = yTest.ToArray(); }
}

// 4. Figures: the first second of activity, and target vs readout for the 20 ms delay on held-out samples.
Directory.CreateDirectory("out");
RasterPlot.Save(recording, "out/reservoir_raster.png", title: "spiking reservoir driven by a random input current");
var plot = new ScottPlot.Plot();
int show = Math.Min(100, test);
var target = plot.Add.Signal(shownTarget[..show], res.Options.SampleMs, ScottPlot.Colors.Gray);
target.LegendText = "u(t - 20 ms)";
var readout = plot.Add.Signal(shown[..show], res.Options.SampleMs, Figure.PopulationColor(0));
readout.LegendText = "ridge readout of filtered spike trains";
plot.ShowLegend(ScottPlot.Alignment.UpperRight);
plot.XLabel("held-out time (ms)");
plot.Title("delayed recall, 20 ms");
Figure.Save("out/reservoir_recall.png", [(plot, 400)], 1000);
Console.WriteLine("wrote out/reservoir_raster.png and out/reservoir_recall.png");
