using PureHDF;

namespace BrainSharp.IO;

/// <summary>
/// Network snapshots (checkpoints) in HDF5. Layout:
/// <code>
/// /                 attrs: format="brainsharp.snapshot", format_version=1, step (int64), dt_ms, t_ms, attr_* strings
/// /arrays/&lt;path&gt;    one dataset per array, nested groups following the slash-separated path; attr dtype ("f4","f8","i4","i8","u8","u1")
/// </code>
/// </summary>
public static class SnapshotFile
{
    /// <summary>Value of the root "format" attribute.</summary>
    public const string Format = "brainsharp.snapshot";

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, NetworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var file = new H5File();
        file.Attributes["format"] = Format;
        file.Attributes["format_version"] = 1;
        file.Attributes["step"] = snapshot.Step;
        file.Attributes["dt_ms"] = snapshot.DtMs;
        file.Attributes["t_ms"] = snapshot.TimeMs;
        foreach (var kv in snapshot.Attributes) file.Attributes["attr_" + kv.Key] = kv.Value;
        var arrays = new H5Group();
        foreach (var kv in snapshot.Arrays)
        {
            var parts = kv.Key.Split('/');
            var g = arrays;
            for (int k = 0; k < parts.Length - 1; k++)
            {
                if (!g.TryGetValue(H5Write.CheckName(parts[k]), out var child)) g[parts[k]] = child = new H5Group();
                g = child as H5Group ?? throw new ArgumentException($"SnapshotFile: '{kv.Key}' nests under an array path.", nameof(snapshot));
            }
            string leaf = H5Write.CheckName(parts[^1]);
            if (g.ContainsKey(leaf)) throw new ArgumentException($"SnapshotFile: '{kv.Key}' is both a group and an array.", nameof(snapshot));
            g[leaf] = ToDataset(kv.Key, kv.Value);
        }
        file["arrays"] = arrays;
        AtomicFile.Write(path, temp => file.Write(temp));
    }

    static H5Dataset ToDataset(string key, Array a)
    {
        (H5Dataset ds, string dtype) = a switch
        {
            float[] f => (new H5Dataset(f, fileDims: [(ulong)f.Length]), "f4"),
            double[] d => (new H5Dataset(d, fileDims: [(ulong)d.Length]), "f8"),
            int[] i => (new H5Dataset(i, fileDims: [(ulong)i.Length]), "i4"),
            long[] l => (new H5Dataset(l, fileDims: [(ulong)l.Length]), "i8"),
            ulong[] u => (new H5Dataset(u, fileDims: [(ulong)u.Length]), "u8"),
            byte[] b => (new H5Dataset(b, fileDims: [(ulong)b.Length]), "u1"),
            _ => throw new ArgumentException($"SnapshotFile: array '{key}' has unsupported type {a.GetType().Name} (use float, double, int, long, ulong or byte).")
        };
        ds.Attributes["dtype"] = dtype;
        return ds;
    }

    /// <summary>Reads a file written by <see cref="Write"/>; throws <see cref="DataFileException"/> naming what is missing.</summary>
    public static NetworkSnapshot Read(string path)
    {
        using var h = H5Read.Open(path, Format);
        var root = h.File;
        long step = h.ScalarAttr<long>(root, "/", "step");
        double dt = h.ScalarAttr<double>(root, "/", "dt_ms");
        NetworkSnapshot snap;
        try { snap = new NetworkSnapshot(step, dt); }
        catch (ArgumentException e) { throw new DataFileException(path, e.Message, e); }
        foreach (var a in root.Attributes())
            if (a.Name.StartsWith("attr_", StringComparison.Ordinal))
                snap.Attributes[a.Name[5..]] = h.StringAttr(root, "/", a.Name);
        Walk(h, h.Group("/arrays"), "", snap);
        return snap;
    }

    static void Walk(H5Read.NativeFileHandle h, IH5Group g, string prefix, NetworkSnapshot snap)
    {
        foreach (var child in g.Children())
        {
            string key = prefix.Length == 0 ? child.Name : prefix + "/" + child.Name;
            string full = "/arrays/" + key;
            if (child is IH5Group sub) { Walk(h, sub, key, snap); continue; }
            if (child is not IH5Dataset) throw new DataFileException(h.Path, $"'{full}' is neither a group nor a dataset.");
            string dtype = h.StringAttr(child, full, "dtype");
            snap.Arrays[key] = dtype switch
            {
                "f4" => h.Array<float>(full),
                "f8" => h.Array<double>(full),
                "i4" => h.Array<int>(full),
                "i8" => h.Array<long>(full),
                "u8" => h.Array<ulong>(full),
                "u1" => h.Array<byte>(full),
                _ => throw new DataFileException(h.Path, $"dataset '{full}' has unknown dtype '{dtype}'.")
            };
        }
    }
}
