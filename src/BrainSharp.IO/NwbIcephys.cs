using PureHDF;

namespace BrainSharp.IO;

/// <summary>
/// Reads (and, for tests and exports, writes) current-clamp recordings in NWB 2 files, following the NWB core
/// schema: responses are <c>CurrentClampSeries</c> under <c>/acquisition</c>, stimuli are <c>CurrentClampStimulusSeries</c>
/// under <c>/stimulus/presentation</c>, paired by their <c>sweep_number</c> attribute (or by name when sweeps are not
/// numbered). Values are converted with each <c>data</c> dataset's <c>conversion</c> and <c>offset</c> attributes to
/// SI (volts, amperes) and then to mV and pA; the sampling step comes from <c>starting_time</c>'s <c>rate</c> attribute
/// or from uniform <c>timestamps</c>.
/// </summary>
public static class NwbIcephys
{
    /// <summary>Every current-clamp sweep of the file, in sweep order.</summary>
    public static IReadOnlyList<IcephysSweep> Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");
        PureHDF.VOL.Native.NativeFile file;
        try { file = H5File.OpenRead(path); }
        catch (Exception e) { throw new DataFileException(path, $"not a readable HDF5 file ({e.Message}).", e); }
        using (file)
        {
            if (!file.AttributeExists("nwb_version")) throw new DataFileException(path, "root attribute 'nwb_version' is missing: not an NWB 2 file.");
            var responses = Series(file, path, "/acquisition", "CurrentClampSeries");
            if (responses.Count == 0) throw new DataFileException(path, "no CurrentClampSeries under /acquisition.");
            var stimuli = Series(file, path, "/stimulus/presentation", "CurrentClampStimulusSeries");
            var sweeps = new List<IcephysSweep>();
            foreach (var r in responses)
            {
                var s = stimuli.FirstOrDefault(x => r.Sweep >= 0 && x.Sweep == r.Sweep) ?? stimuli.FirstOrDefault(x => x.Name == r.Name)
                    ?? throw new DataFileException(path, $"no CurrentClampStimulusSeries under /stimulus/presentation for response '{r.Name}' (sweep_number {r.Sweep}).");
                if (s.Values.Length != r.Values.Length)
                    throw new DataFileException(path, $"series '{r.Name}' has {r.Values.Length} samples but its stimulus '{s.Name}' has {s.Values.Length}.");
                if (Math.Abs(s.DtMs - r.DtMs) > 1e-9 * r.DtMs)
                    throw new DataFileException(path, $"series '{r.Name}' is sampled every {r.DtMs} ms but its stimulus '{s.Name}' every {s.DtMs} ms.");
                sweeps.Add(new IcephysSweep(r.Name, r.Sweep, r.DtMs, s.Values.Select(a => a * 1e12).ToArray(), r.Values.Select(v => v * 1e3).ToArray()));
            }
            return sweeps.OrderBy(s => s.SweepNumber).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
    }

    private sealed record SeriesData(string Name, long Sweep, double DtMs, double[] Values);

    private static List<SeriesData> Series(PureHDF.VOL.Native.NativeFile file, string path, string groupPath, string type)
    {
        var list = new List<SeriesData>();
        if (!file.LinkExists(groupPath)) return list;
        foreach (var child in file.Group(groupPath).Children())
        {
            if (child is not IH5Group g) continue;
            if (!g.AttributeExists("neurodata_type") || g.Attribute("neurodata_type").Read<string>() != type) continue;
            string where = $"{groupPath}/{g.Name}";
            if (!g.LinkExists("data")) throw new DataFileException(path, $"{type} '{where}' has no 'data' dataset.");
            var ds = g.Dataset("data");
            double[] raw = ReadDoubles(ds, path, where + "/data");
            double conversion = ds.AttributeExists("conversion") ? ReadScalar(ds.Attribute("conversion")) : 1.0;
            double offset = ds.AttributeExists("offset") ? ReadScalar(ds.Attribute("offset")) : 0.0;
            string unit = ds.AttributeExists("unit") ? ds.Attribute("unit").Read<string>() : "";
            string expected = type == "CurrentClampSeries" ? "volts" : "amperes";
            if (unit != expected) throw new DataFileException(path, $"'{where}/data' has unit '{unit}', expected '{expected}'.");
            double dtMs;
            if (g.LinkExists("starting_time"))
            {
                var st = g.Dataset("starting_time");
                if (!st.AttributeExists("rate")) throw new DataFileException(path, $"'{where}/starting_time' has no 'rate' attribute.");
                double rate = ReadScalar(st.Attribute("rate"));
                if (!(rate > 0)) throw new DataFileException(path, $"'{where}/starting_time' rate is {rate} Hz.");
                dtMs = 1000.0 / rate;
            }
            else if (g.LinkExists("timestamps"))
            {
                var ts = ReadDoubles(g.Dataset("timestamps"), path, where + "/timestamps");
                if (ts.Length < 2) throw new DataFileException(path, $"'{where}/timestamps' has fewer than two samples.");
                double d = ts[1] - ts[0];
                for (int i = 2; i < ts.Length; i++)
                    if (Math.Abs(ts[i] - ts[i - 1] - d) > 1e-6 * d)
                        throw new DataFileException(path, $"'{where}/timestamps' are not uniformly spaced (sample {i}).");
                dtMs = d * 1000.0;
            }
            else throw new DataFileException(path, $"{type} '{where}' has neither 'starting_time' nor 'timestamps'.");
            long sweep = g.AttributeExists("sweep_number") ? (long)ReadScalar(g.Attribute("sweep_number")) : -1;
            list.Add(new SeriesData(g.Name, sweep, dtMs, raw.Select(x => x * conversion + offset).ToArray()));
        }
        return list;
    }

    private static double[] ReadDoubles(IH5Dataset ds, string path, string where)
    {
        try
        {
            return ds.Type.Class == H5DataTypeClass.FloatingPoint && ds.Type.Size == 4
                ? ds.Read<float[]>().Select(x => (double)x).ToArray()
                : ds.Read<double[]>();
        }
        catch (Exception e) { throw new DataFileException(path, $"'{where}' could not be read as numbers ({e.Message}).", e); }
    }

    private static double ReadScalar(IH5Attribute a)
    {
        if (a.Type.Class == H5DataTypeClass.FloatingPoint) return a.Type.Size == 4 ? a.Read<float>() : a.Read<double>();
        return a.Type.Size switch { 1 => a.Read<byte>(), 2 => a.Read<short>(), 4 => a.Read<int>(), _ => a.Read<long>() };
    }

    /// <summary>
    /// Writes sweeps as a minimal NWB 2 file (required root datasets, an IntracellularElectrode, one CurrentClampSeries and
    /// one CurrentClampStimulusSeries per sweep, with sweep numbers), atomically.
    /// </summary>
    public static void Write(string path, IReadOnlyList<IcephysSweep> sweeps, string sessionDescription = "current-clamp recordings exported by BrainSharp")
    {
        var file = new H5File();
        file.Attributes["nwb_version"] = "2.7.0";
        file.Attributes["namespace"] = "core";
        file.Attributes["neurodata_type"] = "NWBFile";
        file.Attributes["object_id"] = Guid.NewGuid().ToString();
        string now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        file["file_create_date"] = new H5Dataset(new[] { now });
        file["identifier"] = Guid.NewGuid().ToString();
        file["session_description"] = sessionDescription;
        file["session_start_time"] = now;
        file["timestamps_reference_time"] = now;
        var electrode = new H5Group();
        electrode.Attributes["neurodata_type"] = "IntracellularElectrode";
        electrode.Attributes["namespace"] = "core";
        electrode["description"] = "electrode";
        file["general"] = new H5Group { ["intracellular_ephys"] = new H5Group { ["electrode0"] = electrode } };
        var acquisition = new H5Group();
        var presentation = new H5Group();
        foreach (var s in sweeps)
        {
            if (s.CurrentPa.Length != s.VoltageMv.Length)
                throw new ArgumentException($"NWB export: sweep '{s.Name}' has {s.CurrentPa.Length} current and {s.VoltageMv.Length} voltage samples.");
            acquisition[H5Write.CheckName(s.Name)] = SeriesGroup("CurrentClampSeries", s, s.VoltageMv.Select(v => v * 1e-3).ToArray(), "volts");
            presentation[H5Write.CheckName(s.Name + "_stimulus")] = SeriesGroup("CurrentClampStimulusSeries", s, s.CurrentPa.Select(a => a * 1e-12).ToArray(), "amperes");
        }
        file["acquisition"] = acquisition;
        file["stimulus"] = new H5Group { ["presentation"] = presentation, ["templates"] = new H5Group() };
        file["analysis"] = new H5Group();
        file["processing"] = new H5Group();
        AtomicFile.Write(path, temp => file.Write(temp));
    }

    private static H5Group SeriesGroup(string type, IcephysSweep s, double[] values, string unit)
    {
        var g = new H5Group();
        g.Attributes["neurodata_type"] = type;
        g.Attributes["namespace"] = "core";
        g.Attributes["object_id"] = Guid.NewGuid().ToString();
        g.Attributes["description"] = "no description";
        g.Attributes["comments"] = "no comments";
        g.Attributes["sweep_number"] = (uint)s.SweepNumber;
        var data = new H5Dataset(values, fileDims: [(ulong)values.Length]);
        data.Attributes["unit"] = unit;
        data.Attributes["conversion"] = 1.0f;
        data.Attributes["resolution"] = -1.0f;
        data.Attributes["offset"] = 0.0f;
        g["data"] = data;
        var start = new H5Dataset(0.0);
        start.Attributes["rate"] = (float)(1000.0 / s.DtMs);
        start.Attributes["unit"] = "seconds";
        g["starting_time"] = start;
        return g;
    }
}
