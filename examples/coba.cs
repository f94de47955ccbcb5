// The Brette et al. (2007) COBA benchmark written out in code: 4000 leaky integrate-and-fire neurons
// (80 % excitatory), 2 % random connectivity, conductance-based exponential synapses, no external input.
// Runs 1 s of biological time and writes out/coba_raster.png and out/coba_spikes.h5.
//
//   dotnet run -c Release examples/coba.cs     (without -c Release the library is built in Debug: ~5x slower)
//
// The same network is available from the command line as `brainsharp simulate coba`.
#:project ../src/BrainSharp/BrainSharp.csproj
#:project ../src/BrainSharp.IO/BrainSharp.IO.csproj
#:project ../src/BrainSharp.Plotting/BrainSharp.Plotting.csproj

using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.IO;
using BrainSharp.Neurons;
using BrainSharp.Plotting;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

// 1. Neurons. LifParams.Coba: C_m 200 pF, g_L 10 nS (tau_m 20 ms), E_L = V_reset = -60 mV, V_th -50 mV, t_ref 5 ms.
var net = new Network(seed: 42);
var cell = LifParams.Coba;
var v0 = Initializer.Normal(cell.EL - 5, 5);                 // mV: start spread around -65 mV
var exc = net.Add(new LifNeuron(3200, cell, "E") { InitialV = v0 });
var inh = net.Add(new LifNeuron(800, cell, "I") { InitialV = v0 });

// 2. Connections: each pair connected with p = 0.02. Excitatory synapses add 6 nS to g_e (tau 5 ms, reversal 0 mV),
//    inhibitory ones 67 nS to g_i (tau 10 ms, reversal -80 mV). Initial conductances as in Brian2's example.
var p = new FixedProbability(0.02) { AllowSelfConnections = true };
Projection Excitatory(NeuronGroup pre, NeuronGroup post) => net.Add(new Projection(pre, post, p, weight: 6.0,
    new ExponentialSynapse(post.Size, tau: 5, "g_e") { Initial = Initializer.Normal(40, 15) },   // nS
    new ConductanceOutput(reversal: 0)));
Projection Inhibitory(NeuronGroup pre, NeuronGroup post) => net.Add(new Projection(pre, post, p, weight: 67.0,
    new ExponentialSynapse(post.Size, tau: 10, "g_i") { Initial = Initializer.Normal(200, 120) }, // nS
    new ConductanceOutput(reversal: -80)));
Excitatory(exc, exc); Excitatory(exc, inh);
Inhibitory(inh, exc); Inhibitory(inh, inh);

// 3. Record spikes and the membrane potential of three excitatory neurons.
var spikesE = net.Add(new SpikeMonitor(exc));
var spikesI = net.Add(new SpikeMonitor(inh));
var vE = net.Add(new StateMonitor(exc, "v", indices: [0, 1, 2], stride: 1));

// 4. Run 1000 ms with dt = 0.1 ms.
using var sim = new Simulator(net, dt: 0.1);
var result = sim.Run(1000);
Console.WriteLine($"built in {sim.BuildSeconds:0.00} s, simulated 1 s in {result.RunSeconds:0.00} s");
Console.WriteLine($"rates: E {spikesE.MeanRateHz:0.0} Hz, I {spikesI.MeanRateHz:0.0} Hz (Brian2: about 20 Hz)");

// 5. Save and draw. PNG by default; a .svg file name gives SVG.
Directory.CreateDirectory("out");
var recording = MonitorExport.ToRecording([spikesE, spikesI], durationMs: 1000,
    new Dictionary<string, string> { ["model"] = "COBA (examples/coba.cs)" });
SpikeFile.Write("out/coba_spikes.h5", recording);
RasterPlot.Save(recording, "out/coba_raster.png");
TracePlot.Save([MonitorExport.ToStateTrace(vE, "E")], "out/coba_v.png", title: "COBA: membrane potential of three E neurons");
Console.WriteLine("wrote out/coba_raster.png, out/coba_v.png and out/coba_spikes.h5");
