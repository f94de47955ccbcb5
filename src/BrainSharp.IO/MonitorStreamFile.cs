using System.IO.Compression;

namespace BrainSharp.IO;

/// <summary>Reads the .npz files written by <see cref="NpzSpikeSink"/> and <see cref="NpzStateSink"/>; throws <see cref="DataFileException"/> naming what is missing.</summary>
public static class MonitorStreamFile
{
    /// <summary>Reads a streamed spike file.</summary>
    public static StreamedSpikes ReadSpikes(string path)
    {
        var a = ReadNpz(path);
        var idx = Get<int[]>(a, path, "indices");
        var steps = Get<long[]>(a, path, "steps");
        if (idx.Length != steps.Length) throw new DataFileException(path, $"{idx.Length} indices but {steps.Length} steps.");
        return new StreamedSpikes(Get<int[]>(a, path, "size")[0], Get<double[]>(a, path, "dt_ms")[0], idx, steps);
    }

    /// <summary>Reads a streamed state file.</summary>
    public static StreamedStates ReadStates(string path)
    {
        var a = ReadNpz(path);
        var units = Get<int[]>(a, path, "indices");
        var steps = Get<long[]>(a, path, "steps");
        var values = Get<float[]>(a, path, "values");
        if ((long)steps.Length * units.Length != values.Length)
            throw new DataFileException(path, $"{values.Length} values for {steps.Length} samples of {units.Length} units.");
        return new StreamedStates(Get<double[]>(a, path, "dt_ms")[0], Get<int[]>(a, path, "stride")[0], units, steps, values);
    }

    /// <summary>All arrays of a .npz archive (uncompressed or deflated entries), by name without ".npy".</summary>
    public static IReadOnlyDictionary<string, NpyArray> ReadNpz(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");
        var result = new Dictionary<string, NpyArray>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var e in zip.Entries)
            {
                if (!e.Name.EndsWith(".npy", StringComparison.Ordinal)) continue;
                using var s = e.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                result[e.FullName[..^4]] = NpyFile.Parse(ms.ToArray(), $"{path}:{e.FullName}");
            }
        }
        catch (InvalidDataException ex) { throw new DataFileException(path, $"not a readable .npz (zip) archive: {ex.Message}", ex); }
        return result;
    }

    private static T Get<T>(IReadOnlyDictionary<string, NpyArray> a, string path, string name) where T : class
    {
        if (!a.TryGetValue(name, out var arr)) throw new DataFileException(path, $"array '{name}' is missing.");
        return arr.Data as T ?? throw new DataFileException(path, $"array '{name}' has dtype {arr.Descr}, expected {typeof(T).Name}.");
    }
}
