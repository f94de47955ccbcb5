using System.Text.Json;

namespace BrainSharp.Cli.Running;

/// <summary>The figures of a finished run, written to summary.json and printed as a table.</summary>
public sealed class RunSummary
{
    /// <summary>Model name.</summary>
    public required string Model { get; init; }
    /// <summary>Total neurons.</summary>
    public required long Neurons { get; init; }
    /// <summary>Total synapses over all projections.</summary>
    public required long Synapses { get; init; }
    /// <summary>Simulated duration, ms.</summary>
    public required double DurationMs { get; init; }
    /// <summary>Time step, ms.</summary>
    public required double DtMs { get; init; }
    /// <summary>Seed.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Worker threads.</summary>
    public required int Threads { get; init; }
    /// <summary>Connectivity storage (csr, dense, procedural).</summary>
    public required string Connectivity { get; init; }
    /// <summary>Total spikes over [0, duration).</summary>
    public required long Spikes { get; init; }
    /// <summary>Mean rate over all neurons, Hz.</summary>
    public required double MeanRateHz { get; init; }
    /// <summary>Seconds to build connectivity and state (this process).</summary>
    public required double BuildSeconds { get; init; }
    /// <summary>Seconds in the step loop (this process).</summary>
    public required double RunSeconds { get; init; }
    /// <summary>Simulated time at which this process started (0, or the checkpoint time when resumed), ms.</summary>
    public double ResumedFromMs { get; init; }
    /// <summary>Per population: name, neurons, spikes, rate (Hz).</summary>
    public required IReadOnlyList<(string Name, int Neurons, long Spikes, double RateHz)> Populations { get; init; }
    /// <summary>All model parameters after overrides: name, value, unit.</summary>
    public required IReadOnlyList<(string Name, double Value, string Unit)> Parameters { get; init; }
    /// <summary>What Brian2 reports for the default network, for comparison.</summary>
    public string ReferenceRate { get; init; } = "";
    /// <summary>Files written, relative to the output folder.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The summary as indented JSON (invariant numbers).</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("model", Model);
            w.WriteNumber("neurons", Neurons);
            w.WriteNumber("synapses", Synapses);
            w.WriteNumber("duration_ms", DurationMs);
            w.WriteNumber("dt_ms", DtMs);
            w.WriteNumber("seed", Seed);
            w.WriteNumber("threads", Threads);
            w.WriteString("connectivity", Connectivity);
            w.WriteNumber("spikes", Spikes);
            w.WriteNumber("mean_rate_hz", Math.Round(MeanRateHz, 6));
            w.WriteNumber("build_seconds", Math.Round(BuildSeconds, 6));
            w.WriteNumber("run_seconds", Math.Round(RunSeconds, 6));
            w.WriteNumber("resumed_from_ms", ResumedFromMs);
            w.WriteString("reference_rate", ReferenceRate);
            w.WriteStartArray("populations");
            foreach (var p in Populations)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name); w.WriteNumber("neurons", p.Neurons); w.WriteNumber("spikes", p.Spikes); w.WriteNumber("rate_hz", Math.Round(p.RateHz, 6));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("parameters");
            foreach (var p in Parameters)
            {
                w.WriteStartObject(p.Name);
                w.WriteNumber("value", p.Value); w.WriteString("unit", p.Unit);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("files");
            foreach (var f in Files) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
