using System.Diagnostics;
using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.Networks;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Bench;

/// <summary>
/// Per-phase profile of the single-thread step (`-- profile [model] [neurons] [ms]`): replays <see cref="Network"/>'s step
/// order through the public parts (inputs, outputs, neuron updates, spike intake + delivery + kinetics, recorders) with a
/// timestamp between phases, and reports ns per neuron-step and ns per delivered event, alternating fused and unfused
/// kernels so both see the same machine load. The timestamps cost ~20 ns each (6 per step); proportions are what this is for.
/// Each fused run is repeated with the thread's CPU clock between phases ("CPU ns/neuron-step" line), which a loaded
/// machine's preemptions do not inflate. `-- profile coba 4000 1000 euler` integrates v by forward Euler.
/// `-- scaling [neurons] [rate]`: propagation time of a Poisson source onto LIF cells at rate 0, r and 2r.
/// </summary>
public static class PhaseProfile
{
    /// <summary>Phase times of one timed run.</summary>
    public sealed record Phases(double Wall, double Cpu, double Inputs, double Outputs, double Neurons, double Propagation, double Recorders, long Events, long Steps);

    /// <summary>Runs <paramref name="steps"/> steps of a built single-thread network with a timestamp between phases.</summary>
    public static Phases Time(Network net, long steps)
    {
        var clock = net.Clock!;
        var t = new long[5];
        long events = 0;
        var groups = net.Groups; var couplings = net.Couplings; var recorders = net.Recorders; var systems = net.Systems;
        var byTarget = groups.Select(g => couplings.Where(c => c.Target == g).ToArray()).ToArray();
        var rowPtr = couplings.Select(c => (c as Projection)?.Structure?.RowPtr).ToArray();
        double cpu0 = Probe.ThreadCpuSeconds();
        long start = Stopwatch.GetTimestamp();
        for (long s = 0; s < steps; s++)
        {
            long a = Stopwatch.GetTimestamp();
            foreach (var sys in systems) sys.Update(clock);
            long b = Stopwatch.GetTimestamp();
            ApplyOutputs(clock, groups, byTarget);
            long c1 = Stopwatch.GetTimestamp();
            UpdateGroups(clock, groups);
            long d = Stopwatch.GetTimestamp();
            Propagate(clock, couplings);
            long e = Stopwatch.GetTimestamp();
            events += CountEvents(couplings, rowPtr);
            long e2 = Stopwatch.GetTimestamp();
            Record(clock, recorders);
            long f = Stopwatch.GetTimestamp();
            t[0] += b - a; t[1] += c1 - b; t[2] += d - c1; t[3] += e - d; t[4] += f - e2;
        }
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpu = Probe.ThreadCpuSeconds() - cpu0;
        double sec = 1.0 / Stopwatch.Frequency;
        return new Phases(wall, cpu, t[0] * sec, t[1] * sec, t[2] * sec, t[3] * sec, t[4] * sec, events, steps);
    }

    /// <summary>
    /// As <see cref="Time"/> but with the thread's CPU clock between phases (immune to preemption on a loaded machine):
    /// neuron update (with outputs and inputs), spike intake + delivery + kinetics, recorders; seconds, with the measured
    /// cost of one clock read subtracted from every interval.
    /// </summary>
    public static (double Neurons, double Propagation, double Recorders, long Events) TimeCpu(Network net, long steps)
    {
        var clock = net.Clock!;
        var groups = net.Groups; var couplings = net.Couplings; var recorders = net.Recorders; var systems = net.Systems;
        var byTarget = groups.Select(g => couplings.Where(c => c.Target == g).ToArray()).ToArray();
        var rowPtr = couplings.Select(c => (c as Projection)?.Structure?.RowPtr).ToArray();
        double read = double.MaxValue;
        for (int k = 0; k < 5; k++)
        {
            double r0 = Probe.ThreadCpuSeconds();
            for (int q = 0; q < 1000; q++) Probe.ThreadCpuSeconds();
            read = Math.Min(read, (Probe.ThreadCpuSeconds() - r0) / 1001);
        }
        double tn = 0, tp = 0, tr = 0; long events = 0;
        for (long s = 0; s < steps; s++)
        {
            double a = Probe.ThreadCpuSeconds();
            foreach (var sys in systems) sys.Update(clock);
            ApplyOutputs(clock, groups, byTarget);
            UpdateGroups(clock, groups);
            double b = Probe.ThreadCpuSeconds();
            Propagate(clock, couplings);
            double d = Probe.ThreadCpuSeconds();
            events += CountEvents(couplings, rowPtr);
            double e = Probe.ThreadCpuSeconds();
            Record(clock, recorders);
            double f = Probe.ThreadCpuSeconds();
            tn += b - a - read; tp += d - b - read; tr += f - e - read;
        }
        return (tn, tp, tr, events);
    }

    // The phases of Network's single-thread step, in its order; both timers above replay them.
    private static void ApplyOutputs(Clock clock, IReadOnlyList<NeuronGroup> groups, Coupling[][] byTarget)
    {
        for (int gi = 0; gi < groups.Count; gi++)
            foreach (var c in byTarget[gi]) c.ApplyOutput(clock, 0);
    }

    private static void UpdateGroups(Clock clock, IReadOnlyList<NeuronGroup> groups)
    {
        foreach (var g in groups)
            if (g.CanUpdateRange) g.Spikes.Count = g.UpdateRange(clock, 0, g.Size, g.Spikes.Indices);
            else g.Update(clock);
    }

    private static void Propagate(Clock clock, IReadOnlyList<Coupling> couplings)
    {
        foreach (var c in couplings) c.CollectSpikes(clock);
        foreach (var c in couplings) c.Propagate(clock, 0);
    }

    private static long CountEvents(IReadOnlyList<Coupling> couplings, int[]?[] rowPtr)
    {
        long events = 0;
        for (int k = 0; k < couplings.Count; k++)
            if (rowPtr[k] is { } rp)
                foreach (int i in couplings[k].Source.Spikes.Current) events += rp[i + 1] - rp[i];
        return events;
    }

    private static void Record(Clock clock, IReadOnlyList<IRecorder> recorders)
    {
        foreach (var r in recorders) r.Record(clock);
        clock.Step++;
    }

    public static void Run(string model, int neurons, double ms, bool euler = false)
    {
        for (int rep = 0; rep < 10; rep++)
        {
            bool fuse = rep % 2 == 0;
            var desc = ReferenceNetworks.Create(model);
            if (euler) desc.Set("euler", 1);
            var built = desc.Build(neurons, seed: (ulong)(rep / 2 + 1), ConnectivityStorage.Csr, threads: 1);
            var net = built.Network;
            net.FuseSynapses = fuse;
            net.Build(new Clock(0.1));
            var p = Time(net, (long)Math.Round(ms / 0.1));
            if (rep < 2) continue; // warm-up
            double ns = 1e9 / ((double)p.Steps * neurons);
            if (fuse)
            {
                // The same network again from its start, timed by the thread's CPU clock per phase.
                net.Reset();
                var q = TimeCpu(net, p.Steps);
                Console.WriteLine(FormattableString.Invariant(
                    $"  CPU ns/neuron-step: neuron update {q.Neurons * ns:F3} | intake+delivery+kinetics {q.Propagation * ns:F3} ({q.Propagation * 1e9 / Math.Max(1, q.Events):F2} ns/event) | recorders {q.Recorders * ns:F3}"));
            }
            Console.WriteLine(FormattableString.Invariant(
                $"{model}{(euler ? " (Euler)" : "")} N={neurons} {ms} ms {(fuse ? "fused  " : "unfused")}: wall {p.Wall:F3} s, thread CPU {p.Cpu:F3} s = {p.Cpu * ns:F2} ns/neuron-step CPU ({p.Wall * ns:F2} wall); rate {built.MeanRateHz:F2} Hz, {p.Events} events"));
            Console.WriteLine(FormattableString.Invariant(
                $"  wall ns/neuron-step: inputs {p.Inputs * ns:F3} | outputs {p.Outputs * ns:F3} | neuron update {p.Neurons * ns:F3} | intake+delivery+kinetics {p.Propagation * ns:F3} | recorders {p.Recorders * ns:F3}; delivery+kinetics {p.Propagation * 1e9 / Math.Max(1, p.Events):F2} ns/event"));
        }
    }

    /// <summary>
    /// Spike-count scaling: <paramref name="neurons"/> Poisson sources at rate 0, r and 2r project (p = 80/N, 0.05 nS,
    /// exponential conductance synapses) onto as many LIF cells. The source spikes of a run are recorded, then the
    /// projection's intake and delivery (and, unfused, its kinetics pass) are replayed alone for the same steps and timed by
    /// the thread's CPU clock, minus the cost of copying the spike lists, so the figure is the propagation cost only.
    /// </summary>
    public static void Scaling(int neurons, double rate, double ms)
    {
        long steps = (long)Math.Round(ms / 0.1);
        for (int rep = 0; rep < 4; rep++)
            foreach (bool fuse in new[] { true, false })
                foreach (double r in new[] { 0, rate, 2 * rate })
                {
                    var net = new Network(seed: 7, threads: 1) { FuseSynapses = fuse };
                    var src = net.Add(new PoissonGroup(neurons, r, seed: 3));
                    var cells = net.Add(new LifNeuron(neurons, LifParams.Coba, "cells"));
                    var proj = net.Add(new Projection(src, cells, new FixedProbability(Math.Min(1, 80.0 / neurons)), 0.05,
                        new ExponentialSynapse(neurons, 5), new ConductanceOutput(0)));
                    net.Build(new Clock(0.1));
                    var log = new int[steps][];
                    for (long s = 0; s < steps; s++) { net.Step(); log[s] = src.Spikes.Current.ToArray(); }
                    long events = 0;
                    foreach (var l in log) foreach (int i in l) events += proj.Structure!.RowPtr[i + 1] - proj.Structure.RowPtr[i];
                    var clock = net.Clock!;
                    double Replay(bool deliver)
                    {
                        clock.Step = 0;
                        double c0 = Probe.ThreadCpuSeconds();
                        for (long s = 0; s < steps; s++)
                        {
                            var l = log[s];
                            l.CopyTo(src.Spikes.Indices, 0);
                            src.Spikes.Count = l.Length;
                            if (deliver) { proj.CollectSpikes(clock); proj.Propagate(clock, 0); }
                            clock.Step++;
                        }
                        return Probe.ThreadCpuSeconds() - c0;
                    }
                    double baseCpu = Replay(false), cpu = Replay(true) - baseCpu;
                    if (rep == 0) continue; // warm-up
                    Console.WriteLine(FormattableString.Invariant(
                        $"scaling N={neurons} rate {r,5} Hz {(fuse ? "fused  " : "unfused")}: {events,9} events, propagation CPU {cpu * 1e3,7:F2} ms = {cpu * 1e9 / steps,7:F0} ns/step{(events > 0 ? $", {cpu * 1e9 / events:F2} ns/event" : "")}"));
                }
    }
}
