using BrainSharp.Running;

namespace BrainSharp.IO;

/// <summary>Turns the simulator's monitors into the file-level types (<see cref="SpikeTrain"/>, <see cref="StateTrace"/>).</summary>
public static class MonitorExport
{
    /// <summary>The kept spikes of <paramref name="monitor"/> as a spike train named after its group (times = step x dt, ms).</summary>
    public static SpikeTrain ToSpikeTrain(SpikeMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (!monitor.Keep) throw new InvalidOperationException($"MonitorExport: spike monitor of '{monitor.Group.Name}' streams to a sink (Keep = false) and holds no spikes to export.");
        return new SpikeTrain(monitor.Group.Name, monitor.Group.Size * monitor.Group.Batch, monitor.Indices.ToArray(), monitor.GetTimes());
    }

    /// <summary>A recording of all <paramref name="monitors"/> over <paramref name="durationMs"/> ms.</summary>
    public static SpikeRecording ToRecording(IEnumerable<SpikeMonitor> monitors, double durationMs, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(monitors);
        var list = monitors.ToList();
        if (list.Count == 0) throw new ArgumentException("MonitorExport: no spike monitors given.", nameof(monitors));
        double dt = list[0].Dt;
        if (double.IsNaN(dt)) throw new InvalidOperationException($"MonitorExport: spike monitor of '{list[0].Group.Name}' was never attached to a running network (dt unknown).");
        return new SpikeRecording(list.Select(ToSpikeTrain).ToArray(), durationMs, dt, metadata);
    }

    /// <summary>The samples of <paramref name="monitor"/> as a trace of <paramref name="population"/>; sampling interval = stride x dt.</summary>
    public static StateTrace ToStateTrace(StateMonitor monitor, string population)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (monitor.Samples == 0) throw new InvalidOperationException($"MonitorExport: state monitor of '{population}.{monitor.Variable.Name}' holds no samples.");
        int k = monitor.RecordedIndices.Length;
        var values = new float[monitor.Samples * k];
        for (int s = 0; s < monitor.Samples; s++) monitor.Sample(s).CopyTo(values.AsSpan(s * k, k));
        double dt = monitor.Samples > 1 ? monitor.TimeOf(1) - monitor.TimeOf(0) : monitor.TimeOf(0);
        return new StateTrace(population, monitor.Variable.Name, monitor.Variable.Unit, dt, monitor.TimeOf(0), monitor.RecordedIndices.ToArray(), values);
    }
}
