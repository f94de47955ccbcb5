using PureHDF;

namespace BrainSharp.IO;

/// <summary>
/// State traces in HDF5. Layout:
/// <code>
/// /                            attrs: format="brainsharp.traces", format_version=1, traces (newline-separated "pop/var", in order)
/// /traces/&lt;pop&gt;/&lt;var&gt;/values  float32 [time, neuron]  attrs: unit, dt_ms, t0_ms
/// /traces/&lt;pop&gt;/&lt;var&gt;/neurons int32 [neuron]
/// </code>
/// </summary>
public static class TraceFile
{
    /// <summary>Value of the root "format" attribute.</summary>
    public const string Format = "brainsharp.traces";

    /// <summary>Writes <paramref name="traces"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<StateTrace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var file = new H5File();
        file.Attributes["format"] = Format;
        file.Attributes["format_version"] = 1;
        file.Attributes["traces"] = string.Join("\n", traces.Select(t => t.Population + "/" + t.Variable));
        var root = new H5Group();
        foreach (var t in traces)
        {
            if (!root.TryGetValue(H5Write.CheckName(t.Population), out var popObj))
                root[t.Population] = popObj = new H5Group();
            var pop = (H5Group)popObj;
            if (pop.ContainsKey(H5Write.CheckName(t.Variable)))
                throw new ArgumentException($"TraceFile: trace '{t.Population}/{t.Variable}' appears twice.", nameof(traces));
            var values = H5Write.Dataset(t.Values, t.Unit, [(ulong)t.Samples, (ulong)t.Neurons.Length]);
            values.Attributes["dt_ms"] = t.DtMs;
            values.Attributes["t0_ms"] = t.T0Ms;
            pop[t.Variable] = new H5Group { ["values"] = values, ["neurons"] = H5Write.Dataset(t.Neurons, "1") };
        }
        file["traces"] = root;
        AtomicFile.Write(path, temp => file.Write(temp));
    }

    /// <summary>Reads a file written by <see cref="Write"/>; throws <see cref="DataFileException"/> naming what is missing.</summary>
    public static IReadOnlyList<StateTrace> Read(string path)
    {
        using var h = H5Read.Open(path, Format);
        var list = new List<StateTrace>();
        foreach (var key in h.StringAttr(h.File, "/", "traces").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int slash = key.IndexOf('/');
            if (slash <= 0) throw new DataFileException(path, $"root attribute 'traces' has malformed entry '{key}' (expected pop/var).");
            string vp = $"/traces/{key}/values";
            var ds = h.Dataset(vp);
            var dims = ds.Space.Dimensions;
            if (dims.Length != 2) throw new DataFileException(path, $"dataset '{vp}' has rank {dims.Length}, expected 2 [time, neuron].");
            var neurons = h.Array<int>($"/traces/{key}/neurons");
            if ((ulong)neurons.Length != dims[1])
                throw new DataFileException(path, $"'{vp}' has {dims[1]} columns but '/traces/{key}/neurons' lists {neurons.Length} neurons.");
            var values = h.Array<float>(vp);
            try
            {
                list.Add(new StateTrace(key[..slash], key[(slash + 1)..], h.StringAttr(ds, vp, "unit"),
                    h.ScalarAttr<double>(ds, vp, "dt_ms"), h.ScalarAttr<double>(ds, vp, "t0_ms"), neurons, values));
            }
            catch (ArgumentException e) { throw new DataFileException(path, $"'{vp}' is inconsistent: {e.Message}", e); }
        }
        return list;
    }
}
