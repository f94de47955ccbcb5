using System.Globalization;
using System.Text;

namespace BrainSharp.IO;

/// <summary>Comma-separated exports (invariant culture, round-trip number formatting, header row with units).</summary>
public static class CsvExport
{
    /// <summary>Writes one row per spike: population,neuron,time_ms. Populations in order, spikes in recorded order.</summary>
    public static void WriteSpikes(string path, SpikeRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var sb = new StringBuilder("population,neuron,time_ms\n");
        foreach (var p in recording.Populations)
            for (int k = 0; k < p.Count; k++)
                sb.Append(p.Population).Append(',')
                  .Append(p.Indices[k].ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(p.Times[k].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Writes one row per sample: time_ms, then one column per neuron named "&lt;pop&gt;.&lt;var&gt;[i] (unit)".</summary>
    public static void WriteTrace(string path, StateTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var sb = new StringBuilder("time_ms");
        foreach (int i in trace.Neurons) sb.Append(',').Append($"{trace.Population}.{trace.Variable}[{i}] ({trace.Unit})");
        sb.Append('\n');
        for (int s = 0; s < trace.Samples; s++)
        {
            sb.Append(trace.TimeOf(s).ToString("R", CultureInfo.InvariantCulture));
            for (int j = 0; j < trace.Neurons.Length; j++)
                sb.Append(',').Append(trace[s, j].ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
