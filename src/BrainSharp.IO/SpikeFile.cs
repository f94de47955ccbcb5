using PureHDF;

namespace BrainSharp.IO;

/// <summary>
/// Spike trains in HDF5. Layout (see docs/design-cli.md):
/// <code>
/// /                      attrs: format="brainsharp.spikes", format_version=1, duration_ms, dt_ms, populations (newline-separated, in order), meta_* strings
/// /spikes/&lt;pop&gt;         attrs: size (neurons)
/// /spikes/&lt;pop&gt;/indices int32 [n]   attrs: unit="1"
/// /spikes/&lt;pop&gt;/times   float64 [n] attrs: unit="ms"
/// </code>
/// </summary>
public static class SpikeFile
{
    /// <summary>Value of the root "format" attribute.</summary>
    public const string Format = "brainsharp.spikes";

    /// <summary>Writes <paramref name="recording"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, SpikeRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var file = new H5File();
        file.Attributes["format"] = Format;
        file.Attributes["format_version"] = 1;
        file.Attributes["duration_ms"] = recording.DurationMs;
        file.Attributes["dt_ms"] = recording.DtMs;
        file.Attributes["populations"] = string.Join("\n", recording.Populations.Select(p => p.Population));
        foreach (var kv in recording.Metadata) file.Attributes["meta_" + kv.Key] = kv.Value;
        var spikes = new H5Group();
        foreach (var p in recording.Populations)
        {
            var g = new H5Group();
            g.Attributes["size"] = p.Size;
            g["indices"] = H5Write.Dataset(p.Indices, "1");
            g["times"] = H5Write.Dataset(p.Times, "ms");
            spikes[H5Write.CheckName(p.Population)] = g;
        }
        file["spikes"] = spikes;
        AtomicFile.Write(path, temp => file.Write(temp));
    }

    /// <summary>Reads a file written by <see cref="Write"/>; throws <see cref="DataFileException"/> naming what is missing.</summary>
    public static SpikeRecording Read(string path)
    {
        using var h = H5Read.Open(path, Format);
        var root = h.File;
        double duration = h.ScalarAttr<double>(root, "/", "duration_ms");
        double dt = h.ScalarAttr<double>(root, "/", "dt_ms");
        string popList = h.StringAttr(root, "/", "populations");
        var meta = new Dictionary<string, string>();
        foreach (var a in root.Attributes())
            if (a.Name.StartsWith("meta_", StringComparison.Ordinal))
                meta[a.Name[5..]] = h.StringAttr(root, "/", a.Name);
        var pops = new List<SpikeTrain>();
        foreach (var name in popList.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string gp = $"/spikes/{name}";
            var g = h.Group(gp);
            int size = h.ScalarAttr<int>(g, gp, "size");
            var idx = h.Array<int>(gp + "/indices");
            var t = h.Array<double>(gp + "/times");
            if (idx.Length != t.Length)
                throw new DataFileException(path, $"'{gp}' has {idx.Length} indices but {t.Length} times.");
            try { pops.Add(new SpikeTrain(name, size, idx, t)); }
            catch (ArgumentException e) { throw new DataFileException(path, $"'{gp}' is inconsistent: {e.Message}", e); }
        }
        return new SpikeRecording(pops, duration, dt, meta);
    }
}
