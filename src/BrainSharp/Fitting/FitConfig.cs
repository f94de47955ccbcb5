using System.Text.Json;

namespace BrainSharp.Fitting;

/// <summary>
/// A fit described in a small JSON file (paths are relative to the file):
/// <code>
/// { "model": "traub-miles",
///   "data": { "format": "csv", "current": "in.csv", "current_unit": "A", "voltage": "out.csv", "voltage_unit": "mV", "dt_ms": 0.01 },
///   "fit": { "g_L": [0.002, 200], "g_Na": [200, 400000], "g_Kd": [200, 200000] },
///   "fixed": { "E_L": -65 },
///   "method": "levenberg-marquardt", "seed": 1, "screen": 16, "starts": 4, "out": "runs/fit" }
/// </code>
/// Bounds are in the model's units (see <see cref="TraceModel.Parameters"/>). Every problem is reported with the file and the key.
/// </summary>
public sealed class FitConfig
{
    public required string Path { get; init; }
    public required TraceModel Model { get; init; }
    public required TraceData Data { get; init; }
    public required IReadOnlyList<FitParameter> Fit { get; init; }
    public required IReadOnlyDictionary<string, double> Fixed { get; init; }
    /// <summary>"levenberg-marquardt", "lbfgs" or "differential-evolution".</summary>
    public required string Method { get; init; }
    public ulong Seed { get; init; } = 1;
    public int Screen { get; init; } = 16;
    public int Starts { get; init; } = 4;
    /// <summary>Output folder (absolute), or null when the file names none.</summary>
    public string? Out { get; init; }

    /// <summary>Methods a config may name.</summary>
    public static readonly string[] Methods = ["levenberg-marquardt", "lbfgs", "differential-evolution"];

    /// <summary>Reads and validates a config file.</summary>
    public static FitConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"fit config '{path}' does not exist.", path);
        string dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement; }
        catch (JsonException e) { throw new InvalidDataException($"fit config '{path}': not valid JSON ({e.Message})."); }

        string Str(JsonElement e, string key, string? fallback = null)
        {
            if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
            return fallback ?? throw new InvalidDataException($"fit config '{path}': missing string '{key}'.");
        }
        double Num(JsonElement e, string key, double? fallback = null)
        {
            if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetDouble();
            return fallback ?? throw new InvalidDataException($"fit config '{path}': missing number '{key}'.");
        }
        string Resolve(string p) => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, p));

        TraceModel model;
        try { model = FitModels.Get(Str(root, "model")); }
        catch (ArgumentException e) { throw new InvalidDataException($"fit config '{path}': {e.Message}"); }

        if (!root.TryGetProperty("data", out var data)) throw new InvalidDataException($"fit config '{path}': missing 'data'.");
        string format = Str(data, "format", "csv");
        double dt = Num(data, "dt_ms");
        TraceData traces;
        if (format == "csv")
        {
            var currents = TraceCsv.Read(Resolve(Str(data, "current")), CurrentScale(Str(data, "current_unit", "pA"), path));
            var voltages = TraceCsv.Read(Resolve(Str(data, "voltage")), VoltageScale(Str(data, "voltage_unit", "mV"), path));
            traces = new TraceData(dt, currents, voltages, Str(data, "voltage"));
        }
        else throw new InvalidDataException($"fit config '{path}': data format '{format}' is not supported (use \"csv\"; NWB files are read by BrainSharp.IO's NwbIcephys).");

        if (!root.TryGetProperty("fit", out var fitEl) || fitEl.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"fit config '{path}': missing object 'fit' (parameter name -> [lower, upper]).");
        var fit = new List<FitParameter>();
        foreach (var p in fitEl.EnumerateObject())
        {
            model.IndexOf(p.Name);
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 2)
                throw new InvalidDataException($"fit config '{path}': parameter '{p.Name}' needs bounds [lower, upper] in {Unit(model, p.Name)}.");
            fit.Add(new FitParameter(p.Name, p.Value[0].GetDouble(), p.Value[1].GetDouble()));
        }
        var fixedValues = new Dictionary<string, double>();
        if (root.TryGetProperty("fixed", out var fx))
            foreach (var p in fx.EnumerateObject())
            {
                model.IndexOf(p.Name);
                fixedValues[p.Name] = p.Value.GetDouble();
            }
        string method = Str(root, "method", "levenberg-marquardt");
        if (!Methods.Contains(method))
            throw new InvalidDataException($"fit config '{path}': method '{method}' is not one of {string.Join(", ", Methods)}.");
        return new FitConfig
        {
            Path = path, Model = model, Data = traces, Fit = fit, Fixed = fixedValues, Method = method,
            Seed = (ulong)Num(root, "seed", 1), Screen = (int)Num(root, "screen", 16), Starts = (int)Num(root, "starts", 4),
            Out = root.TryGetProperty("out", out var o) ? Resolve(o.GetString()!) : null,
        };
    }

    private static string Unit(TraceModel m, string name) => m.Parameters[m.IndexOf(name)].Unit;

    private static double CurrentScale(string unit, string path) => unit switch
    {
        "A" => 1e12, "mA" => 1e9, "uA" => 1e6, "nA" => 1e3, "pA" => 1,
        _ => throw new InvalidDataException($"fit config '{path}': current_unit '{unit}' is not one of A, mA, uA, nA, pA."),
    };

    private static double VoltageScale(string unit, string path) => unit switch
    {
        "V" => 1e3, "mV" => 1,
        _ => throw new InvalidDataException($"fit config '{path}': voltage_unit '{unit}' is not one of V, mV."),
    };
}
