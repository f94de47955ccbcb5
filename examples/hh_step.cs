// A single Hodgkin-Huxley (1952) neuron driven by a current step: silent at rest (-65 mV), then repetitive
// firing while 1000 pA (10 uA/cm^2 on the model's 1e-4 cm^2 patch) is on, then back to rest.
// Writes out/hh_step.png (membrane potential and gating variables).
//
//   dotnet run -c Release examples/hh_step.cs
#:project ../src/BrainSharp/BrainSharp.csproj
#:project ../src/BrainSharp.IO/BrainSharp.IO.csproj
#:project ../src/BrainSharp.Plotting/BrainSharp.Plotting.csproj

using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.IO;
using BrainSharp.Neurons;
using BrainSharp.Plotting;
using BrainSharp.Running;

// 1. One HH neuron with the classic parameters (C 100 pF, g_Na 12000 nS, g_K 3600 nS, g_L 30 nS; see HodgkinHuxleyNeuron.cs).
var net = new Network(seed: 1);
var hh = net.Add(new HodgkinHuxleyNeuron(1) { Name = "HH" });

// 2. The stimulus: 1000 pA from 20 ms to 170 ms.
const double on = 20, off = 170, amplitude = 1000; // ms, ms, pA
net.Add(new StepCurrent(hh, [(on, off, amplitude)]));

// 3. Record the membrane potential, the three gates and the spikes every step.
var v = net.Add(new StateMonitor(hh, "v"));
var m = net.Add(new StateMonitor(hh, "m"));
var h = net.Add(new StateMonitor(hh, "h"));
var n = net.Add(new StateMonitor(hh, "n"));
var spikes = net.Add(new SpikeMonitor(hh));

// 4. 200 ms with dt = 0.01 ms (HH needs a small step: the spike upstroke lasts well under 1 ms).
using var sim = new Simulator(net, dt: 0.01);
sim.Run(200);

var times = spikes.GetTimes();
// Steady firing rate from the mean interspike interval (the first spike's latency is not part of the period).
double meanIsi = (times[^1] - times[0]) / (times.Length - 1);
Console.WriteLine($"{times.Length} spikes during the step; mean ISI {meanIsi:0.00} ms = {1000 / meanIsi:0.0} Hz (HH 1952 at 10 uA/cm^2, 6.3 C: about 68 Hz)");
Console.WriteLine($"rest before the step: {v.Series(0)[(int)(on / 0.01) - 1]:0.0} mV; peak: {v.Series(0).Max():0.0} mV");

// 5. Figure: one panel per variable on a shared time axis.
Directory.CreateDirectory("out");
TracePlot.Save([MonitorExport.ToStateTrace(v, "HH"), MonitorExport.ToStateTrace(m, "HH"),
                MonitorExport.ToStateTrace(h, "HH"), MonitorExport.ToStateTrace(n, "HH")],
               "out/hh_step.png", panelHeight: 180, title: $"Hodgkin-Huxley neuron, {amplitude} pA step from {on} to {off} ms");
Console.WriteLine("wrote out/hh_step.png");
