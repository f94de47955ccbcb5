using System.Diagnostics;
using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Networks;

namespace BrainSharp.Bench;

/// <summary>
/// Per-phase profile of the single-thread step (`-- profile [model] [neurons] [ms]`): replays <see cref="Network"/>'s step
/// order through the public parts (outputs, neuron updates, spike intake, delivery + kinetics, recorders) with a timestamp
/// between phases, and reports ns per neuron-step and ns per delivered event. The timestamps themselves cost ~20 ns each
/// (7 per step), so the sum exceeds the plain loop slightly; proportions are what this is for.
/// </summary>
public static class PhaseProfile
{
    public static void Run(string model, int neurons, double ms)
    {
        for (int rep = 0; rep < 4; rep++)
        {
            var built = ReferenceNetworks.Create(model).Build(neurons, seed: (ulong)(rep + 1), ConnectivityStorage.Csr, threads: 1);
            var net = built.Network;
            net.Build(new Clock(0.1));
            var clock = net.Clock!;
            long steps = (long)Math.Round(ms / 0.1);
            var t = new long[6];
            long events = 0;
            var groups = net.Groups; var couplings = net.Couplings; var recorders = net.Recorders; var systems = net.Systems;
            long cpu0 = (long)(Probe.ThreadCpuSeconds() * 1e9);
            long start = Stopwatch.GetTimestamp();
            for (long s = 0; s < steps; s++)
            {
                long a = Stopwatch.GetTimestamp();
                foreach (var sys in systems) sys.Update(clock);
                long b = Stopwatch.GetTimestamp();
                for (int gi = 0; gi < groups.Count; gi++)
                    foreach (var c in couplings) if (c.Target == groups[gi]) c.ApplyOutput(clock, 0);
                long c1 = Stopwatch.GetTimestamp();
                foreach (var g in groups) g.Spikes.Count = g.CanUpdateRange ? g.UpdateRange(clock, 0, g.Size, g.Spikes.Indices) : Update(g, clock);
                long d = Stopwatch.GetTimestamp();
                foreach (var c in couplings) c.CollectSpikes(clock);
                foreach (var c in couplings)
                {
                    c.Propagate(clock, 0);
                    if (c is Projections.Projection p && p.Structure is { } csr)
                        foreach (int i in c.Source.Spikes.Current) events += csr.RowPtr[i + 1] - csr.RowPtr[i];
                }
                long e = Stopwatch.GetTimestamp();
                foreach (var r in recorders) r.Record(clock);
                clock.Step++;
                long f = Stopwatch.GetTimestamp();
                t[0] += b - a; t[1] += c1 - b; t[2] += d - c1; t[3] += e - d; t[4] += f - e;
            }
            double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double cpu = Probe.ThreadCpuSeconds() - cpu0 * 1e-9;
            double ns = 1e9 / Stopwatch.Frequency, ns1 = ns / ((double)steps * neurons);
            if (rep == 0) continue; // warm-up
            Console.WriteLine(FormattableString.Invariant(
                $"{model} N={neurons} {ms} ms: wall {wall:F3} s (thread CPU {cpu:F3} s) = {wall * 1e9 / steps / neurons:F2} ns/neuron-step; rate {built.MeanRateHz:F2} Hz, {events} events ({events / ms * 1000:E2}/s)"));
            Console.WriteLine(FormattableString.Invariant(
                $"  inputs {t[0] * ns1:F3} | outputs {t[1] * ns1:F3} | neuron update {t[2] * ns1:F3} | spike intake+delivery+kinetics {t[3] * ns1:F3} | recorders {t[4] * ns1:F3}  ns/neuron-step; delivery+kinetics {t[3] * ns / Math.Max(1, events):F2} ns/event"));
            // Kinetics alone (decay passes with empty arrivals), to split the last phase.
            long k0 = Stopwatch.GetTimestamp();
            for (long s = 0; s < steps; s++)
                foreach (var c in couplings)
                    if (c is Projections.Projection p) p.Synapse.UpdateRange(clock, 0, p.Synapse.Size);
            Console.WriteLine(FormattableString.Invariant($"  kinetics alone {Stopwatch.GetElapsedTime(k0).TotalSeconds * 1e9 / steps / neurons:F3} ns/neuron-step"));
        }
    }

    private static int Update(NeuronGroup g, Clock clock) { g.Update(clock); return g.Spikes.Count; }
}
