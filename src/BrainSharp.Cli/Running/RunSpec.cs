using System.Globalization;
using BrainSharp.Connectivity;

namespace BrainSharp.Cli.Running;

/// <summary>Everything that defines a simulation run of a reference network; stored in checkpoints so a run can be rebuilt and resumed.</summary>
public sealed record RunSpec
{
    /// <summary>Registry name of the reference network, e.g. "coba".</summary>
    public required string Model { get; init; }

    /// <summary>Total number of neurons.</summary>
    public required int Neurons { get; init; }

    /// <summary>Simulated duration, ms.</summary>
    public required double DurationMs { get; init; }

    /// <summary>Time step, ms.</summary>
    public required double DtMs { get; init; }

    /// <summary>Seed of connectivity, initial state and noise.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Worker threads (results do not depend on it).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>How projections keep their connections.</summary>
    public ConnectivityStorage Storage { get; init; } = ConnectivityStorage.Csr;

    /// <summary>Parameter overrides (name, value text) in command-line order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];

    /// <summary>Output folder.</summary>
    public required string OutDir { get; init; }

    /// <summary>Interval between checkpoints, ms; 0 for none.</summary>
    public double CheckpointEveryMs { get; init; }

    /// <summary>Command-line spelling of <see cref="Storage"/>.</summary>
    public string StorageName => Storage.ToString().ToLowerInvariant();

    /// <summary>Attributes that let <see cref="FromAttributes"/> rebuild this spec (checkpoint files).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToAttributes()
    {
        var inv = CultureInfo.InvariantCulture;
        yield return new("model", Model);
        yield return new("neurons", Neurons.ToString(inv));
        yield return new("duration_ms", DurationMs.ToString("R", inv));
        yield return new("dt_ms", DtMs.ToString("R", inv));
        yield return new("seed", Seed.ToString(inv));
        yield return new("threads", Threads.ToString(inv));
        yield return new("connectivity", StorageName);
        yield return new("checkpoint_every_ms", CheckpointEveryMs.ToString("R", inv));
        yield return new("set", string.Join("\n", Overrides.Select(o => o.Key + "=" + o.Value)));
    }

    /// <summary>Rebuilds a spec from checkpoint attributes; <paramref name="source"/> names the file in errors.</summary>
    public static RunSpec FromAttributes(IReadOnlyDictionary<string, string> a, string source, string outDir)
    {
        string Get(string k) => a.TryGetValue(k, out var v) ? v : throw new IO.DataFileException(source, $"checkpoint attribute '{k}' is missing.");
        T Parse<T>(string k) where T : ISpanParsable<T>
            => T.TryParse(Get(k), CultureInfo.InvariantCulture, out var v) ? v : throw new IO.DataFileException(source, $"checkpoint attribute '{k}' = '{Get(k)}' is not a valid {typeof(T).Name}.");
        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var line in Get("set").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new IO.DataFileException(source, $"checkpoint attribute 'set' has malformed entry '{line}'.");
            overrides.Add(new(line[..eq], line[(eq + 1)..]));
        }
        if (!Enum.TryParse<ConnectivityStorage>(Get("connectivity"), ignoreCase: true, out var storage))
            throw new IO.DataFileException(source, $"checkpoint attribute 'connectivity' = '{Get("connectivity")}' is not csr, dense or procedural.");
        return new RunSpec
        {
            Model = Get("model"), Neurons = Parse<int>("neurons"), DurationMs = Parse<double>("duration_ms"), DtMs = Parse<double>("dt_ms"),
            Seed = Parse<ulong>("seed"), Threads = Parse<int>("threads"), Storage = storage, Overrides = overrides,
            CheckpointEveryMs = Parse<double>("checkpoint_every_ms"), OutDir = outDir,
        };
    }
}
