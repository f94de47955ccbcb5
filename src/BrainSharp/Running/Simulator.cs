using System.Diagnostics;
using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Runs a <see cref="Network"/> with a fixed time step: builds it once (timed), then advances it in chunks, reporting
/// progress, with wall-clock figures for build and loop. The step order is the network's (see <see cref="Network"/>).
/// <code>
/// using var sim = new Simulator(net, dt: 0.1);
/// var r = sim.Run(1000, p => Console.Write($"\r{p.Fraction:P0}"));
/// </code>
/// </summary>
public sealed class Simulator : IDisposable
{
    /// <summary>Builds <paramref name="network"/> for time step <paramref name="dt"/> (ms, positive).</summary>
    public Simulator(Network network, double dt)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"Simulator: parameter dt (ms) must be positive and finite, got {dt}.");
        Network = network;
        if (network.IsBuilt)
        {
            if (network.Clock!.Dt != dt)
                throw new ArgumentException($"Simulator: network is already built with dt = {network.Clock.Dt} ms, not {dt} ms.", nameof(dt));
        }
        else
        {
            long t0 = Stopwatch.GetTimestamp();
            network.Build(new Clock(dt));
            BuildSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
    }

    /// <summary>The simulated network.</summary>
    public Network Network { get; }

    /// <summary>The shared clock.</summary>
    public Clock Clock => Network.Clock!;

    /// <summary>Time step, ms.</summary>
    public double Dt => Clock.Dt;

    /// <summary>Current simulated time, ms.</summary>
    public double TimeMs => Clock.T;

    /// <summary>Seconds spent building the network.</summary>
    public double BuildSeconds { get; }

    /// <summary>How many progress reports a run makes at most (default 100).</summary>
    public int ProgressReports { get; set; } = 100;

    /// <summary>
    /// Advances by <paramref name="durationMs"/> (rounded to whole steps). <paramref name="progress"/>, if given, is called
    /// about <see cref="ProgressReports"/> times and once at the end. Returns wall-clock figures; the run's is the stepping
    /// alone, without the time spent in <paramref name="progress"/>.
    /// </summary>
    public RunResult Run(double durationMs, Action<RunProgress>? progress = null)
    {
        if (!(durationMs >= 0) || !double.IsFinite(durationMs))
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, $"Simulator.Run: parameter durationMs must be finite and non-negative, got {durationMs}.");
        long steps = (long)Math.Round(durationMs / Dt);
        // The run's time is the stepping alone: a caller's progress reports (console writes) are not simulation.
        long t0 = Stopwatch.GetTimestamp(), stepping = 0;
        long chunk = progress is null ? steps : Math.Max(1, steps / Math.Max(1, ProgressReports));
        for (long done = 0; done < steps;)
        {
            long n = Math.Min(chunk, steps - done);
            long c0 = Stopwatch.GetTimestamp();
            Network.Advance(n);
            stepping += Stopwatch.GetTimestamp() - c0;
            done += n;
            progress?.Invoke(new RunProgress((double)done / steps, Clock.T, Stopwatch.GetElapsedTime(t0).TotalSeconds));
        }
        double run = (double)stepping / Stopwatch.Frequency;
        return new RunResult(steps, steps * Dt, BuildSeconds, run);
    }

    /// <summary>Copies the complete dynamic state (see <see cref="Network.Snapshot"/>).</summary>
    public StateSnapshot Snapshot() => Network.Snapshot();

    /// <summary>Restores a snapshot; the run continues exactly as from the moment it was taken. Monitors keep what they hold.</summary>
    public void Restore(StateSnapshot snapshot) => Network.Restore(snapshot);

    /// <summary>Returns the network to its initial state (step 0).</summary>
    public void Reset() => Network.Reset();

    /// <summary>Stops the network's worker threads.</summary>
    public void Dispose() => Network.Dispose();
}
