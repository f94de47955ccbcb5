namespace BrainSharp.IO;

/// <summary>The spike trains of a run together with the run's description (duration, dt and free-form metadata).</summary>
public sealed class SpikeRecording
{
    /// <summary>Creates a recording of <paramref name="durationMs"/> ms simulated with step <paramref name="dtMs"/> ms.</summary>
    public SpikeRecording(IReadOnlyList<SpikeTrain> populations, double durationMs, double dtMs, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(populations);
        if (!(durationMs >= 0) || !double.IsFinite(durationMs))
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "SpikeRecording: duration (ms) must be finite and non-negative.");
        if (!(dtMs > 0) || !double.IsFinite(dtMs))
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "SpikeRecording: dt (ms) must be positive and finite.");
        var seen = new HashSet<string>();
        foreach (var p in populations)
            if (!seen.Add(p.Population))
                throw new ArgumentException($"SpikeRecording: population '{p.Population}' appears twice.", nameof(populations));
        Populations = populations; DurationMs = durationMs; DtMs = dtMs;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    /// <summary>One spike train per population, in network order.</summary>
    public IReadOnlyList<SpikeTrain> Populations { get; }

    /// <summary>Simulated duration, ms.</summary>
    public double DurationMs { get; }

    /// <summary>Simulation time step, ms.</summary>
    public double DtMs { get; }

    /// <summary>Free-form string metadata (model name, seed, ...), stored as root attributes.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Total number of spikes over all populations.</summary>
    public long TotalSpikes { get { long n = 0; foreach (var p in Populations) n += p.Count; return n; } }

    /// <summary>Total number of neurons over all populations.</summary>
    public long TotalNeurons { get { long n = 0; foreach (var p in Populations) n += p.Size; return n; } }

    /// <summary>Looks up a population by name; throws naming the available ones if absent.</summary>
    public SpikeTrain this[string population]
    {
        get
        {
            foreach (var p in Populations) if (p.Population == population) return p;
            throw new KeyNotFoundException($"SpikeRecording: no population '{population}' (has: {string.Join(", ", Populations.Select(p => p.Population))}).");
        }
    }
}
