// Brunel (2000) regime sweep: the same sparse LIF network (delta synapses, Poisson drive) at four strengths of
// inhibition g with external drive eta = 2. Small g gives synchronous regular firing (SR), g around 4-5 the
// transition to the asynchronous irregular state (AI) of Brunel's Fig. 8. For each g it prints the excitatory
// rate, the synchrony chi^2 (Golomb 2007; ~1/N for independent neurons, toward 1 for full synchrony) and the ISI
// coefficient of variation, and draws one raster panel per g into out/brunel_sweep.png.
//
//   dotnet run -c Release examples/brunel_sweep.cs
#:project ../src/BrainSharp/BrainSharp.csproj
#:project ../src/BrainSharp.IO/BrainSharp.IO.csproj
#:project ../src/BrainSharp.Plotting/BrainSharp.Plotting.csproj

using BrainSharp.Networks;
using BrainSharp.Plotting;
using BrainSharp.Running;

const int neurons = 5000;          // 4000 E + 1000 I; J is rescaled so C_E J matches the paper's N = 12500
const double dt = 0.1, durationMs = 300, skipMs = 100; // ms; the first 100 ms (transient) are left out of the statistics
const int shown = 150;             // excitatory neurons drawn per raster
double[] gValues = [3, 4, 5, 6];

var panels = new List<(ScottPlot.Plot, int)>();
Console.WriteLine("   g   rate E (Hz)   chi^2    CV(ISI)");
foreach (double g in gValues)
{
    // 1. The network: the registry's Brunel model with g overridden (eta = 2 is the default).
    var model = new Brunel();
    model.Set("g", g);
    var built = model.Build(neurons, seed: 11);
    using var sim = new Simulator(built.Network, dt);
    sim.Run(durationMs);

    // 2. Statistics on the excitatory population after the transient.
    var e = built.Monitor("E");
    double chi = Brunel.Synchrony(e, 1000, binSteps: 5, fromStep: (long)(skipMs / dt));
    double cvSum = 0; int cvN = 0;
    for (int n = 0; n < 1000; n++)
    {
        var t = e.TimesOf(n).Where(x => x >= skipMs).ToArray();
        if (t.Length < 3) continue;
        var isi = t.Zip(t.Skip(1), (a, b) => b - a).ToArray();
        double mu = isi.Average();
        cvSum += Math.Sqrt(isi.Select(x => (x - mu) * (x - mu)).Average()) / mu; cvN++;
    }
    double cv = cvN > 0 ? cvSum / cvN : double.NaN;
    string regime = chi > 0.1 ? "synchronous" : "asynchronous";
    Console.WriteLine($"{g,4:0.0}   {e.MeanRateHz,10:0.0}   {chi,7:0.000}   {cv,7:0.00}   {regime}");

    // 3. A raster panel: the first `shown` excitatory neurons over the last 200 ms.
    var plot = new ScottPlot.Plot();
    var idx = e.Indices; var steps = e.Steps;
    var xs = new List<double>(); var ys = new List<double>();
    for (int k = 0; k < e.Count; k++)
        if (idx[k] < shown && steps[k] * dt >= skipMs) { xs.Add(steps[k] * dt); ys.Add(idx[k]); }
    plot.Add.Markers(xs.ToArray(), ys.ToArray(), ScottPlot.MarkerShape.FilledSquare, 2, Figure.PopulationColor(0));
    plot.Axes.SetLimits(skipMs, durationMs, -0.5, shown - 0.5);
    plot.YLabel($"g = {g}");
    plot.Title($"g = {g}, eta = 2: {e.MeanRateHz:0.0} Hz, chi^2 = {chi:0.000}, CV = {cv:0.00} ({regime})");
    panels.Add((plot, 200));
}
panels[^1].Item1.XLabel("time (ms)");
for (int k = 0; k < panels.Count - 1; k++) panels[k].Item1.Axes.Bottom.TickLabelStyle.IsVisible = false;

Directory.CreateDirectory("out");
Figure.Save("out/brunel_sweep.png", panels, width: 1000);
Console.WriteLine("wrote out/brunel_sweep.png");
