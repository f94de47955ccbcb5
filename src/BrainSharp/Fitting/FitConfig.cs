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
/// Optional keys (defaults in brackets):
/// <list type="bullet">
/// <item><c>loss</c>: { <c>kind</c>: "mse" | "mse+spike-times" | "mse+spike-kernel" | "van-rossum" | "gamma" ["mse"],
///   <c>spike_weight</c> (mV^2/ms^2 or mV^2 per squared filtered-train residual) [1], <c>spike_kernel_ms</c> [5],
///   <c>spike_mask_ms</c>: zero the voltage weight within this of a recorded spike [0], <c>sample_every</c>: compare
///   the voltage only at every n-th sample [1], <c>tau_ms</c> (van Rossum) [10], <c>delta_ms</c>, <c>softness_ms</c>
///   (gamma) [2, 0.5] } (see <see cref="TraceObjective"/> and <see cref="SpikeObjective"/>; recorded spikes are read off
///   the voltage by <see cref="RecordedSpikes.Detect"/>);</item>
/// <item><c>initial_guess</c>: "none" | "conductance-estimate" (<see cref="ConductanceEstimate"/>) ["none"];
///   <c>initial_values</c>: { name: value } for every fitted parameter; <c>initial_spread</c> [0.3];</item>
/// <item>screen and gradient phase: <c>screen_protocols</c> (indices screened on) [all], <c>screen_samples</c>
///   (leading samples screened on) [all], <c>max_iterations</c> [150], <c>target_loss</c> [0: to convergence];</item>
/// <item>gradient-free methods: <c>population</c> [30 for differential evolution, 4 + 3 ln d for CMA-ES],
///   <c>max_generations</c> [200].</item>
/// </list>
/// Bounds are in the model's units (see <see cref="TraceModel.Parameters"/>). Every problem is reported with the file, the
/// key and the offending value; an unknown key is an error (a misspelt key would otherwise be ignored silently).
/// </summary>
public sealed class FitConfig
{
    public required string Path { get; init; }
    public required TraceModel Model { get; init; }
    public required TraceData Data { get; init; }
    public required IReadOnlyList<FitParameter> Fit { get; init; }
    public required IReadOnlyDictionary<string, double> Fixed { get; init; }
    /// <summary>"levenberg-marquardt", "lbfgs", "adam", "differential-evolution" or "cma-es".</summary>
    public required string Method { get; init; }
    public ulong Seed { get; init; } = 1;
    public int Screen { get; init; } = 16;
    public int Starts { get; init; } = 4;
    /// <summary>Output folder (absolute), or null when the file names none.</summary>
    public string? Out { get; init; }

    /// <summary>Loss kind, one of <see cref="LossKinds"/>.</summary>
    public string LossKind { get; init; } = "mse";
    /// <summary>Weight of squared spike residuals against squared voltage residuals (mV^2/ms^2, or mV^2 with a kernel).</summary>
    public double SpikeWeight { get; init; } = 1;
    /// <summary>Alpha-kernel time constant of the "mse+spike-kernel" loss, ms.</summary>
    public double SpikeKernelMs { get; init; } = 5;
    /// <summary>Half-width of the windows around recorded spikes where the voltage is not compared, ms (0: none).</summary>
    public double SpikeMaskMs { get; init; }
    /// <summary>Compare the voltage only at every n-th sample.</summary>
    public int SampleEvery { get; init; } = 1;
    /// <summary>Van Rossum kernel time constant, ms.</summary>
    public double VanRossumTauMs { get; init; } = 10;
    /// <summary>Coincidence window of the gamma loss, ms.</summary>
    public double GammaDeltaMs { get; init; } = 2;
    /// <summary>Softness of the gamma loss's window edges, ms.</summary>
    public double GammaSoftnessMs { get; init; } = 0.5;
    /// <summary>"none" or "conductance-estimate".</summary>
    public string InitialGuess { get; init; } = "none";
    /// <summary>Initial values of the fitted parameters (model units, <see cref="Fit"/> order), or null.</summary>
    public double[]? InitialValues { get; init; }
    /// <summary>Spread of screened candidates around an initial guess, unconstrained units.</summary>
    public double InitialSpread { get; init; } = 0.3;
    /// <summary>Protocols the screen runs on (null: all).</summary>
    public int[]? ScreenProtocols { get; init; }
    /// <summary>Leading samples the screen runs on (null: all).</summary>
    public int? ScreenSamples { get; init; }
    /// <summary>Iterations per gradient start.</summary>
    public int MaxIterations { get; init; } = 150;
    /// <summary>Stop once the loss reaches this (0: run to convergence).</summary>
    public double TargetLoss { get; init; }
    /// <summary>Population of differential evolution / CMA-ES (0: the method's default).</summary>
    public int Population { get; init; }
    /// <summary>Generations of differential evolution / CMA-ES.</summary>
    public int MaxGenerations { get; init; } = 200;

    /// <summary>Loss kinds a config may name.</summary>
    public static readonly string[] LossKinds = ["mse", "mse+spike-times", "mse+spike-kernel", "van-rossum", "gamma"];
    /// <summary>Initial guesses a config may name.</summary>
    public static readonly string[] InitialGuesses = ["none", "conductance-estimate"];

    private static readonly string[] TopKeys =
    [
        "model", "data", "fit", "fixed", "method", "seed", "screen", "starts", "out", "loss", "initial_guess", "initial_values",
        "initial_spread", "screen_protocols", "screen_samples", "max_iterations", "target_loss", "population", "max_generations",
    ];
    private static readonly string[] LossKeys = ["kind", "spike_weight", "spike_kernel_ms", "spike_mask_ms", "sample_every", "tau_ms", "delta_ms", "softness_ms"];
    private static readonly string[] DataKeys = ["format", "current", "current_unit", "voltage", "voltage_unit", "dt_ms"];

    /// <summary>Whether the loss compares spike trains only (a <see cref="SpikeObjective"/>) rather than voltage traces.</summary>
    public bool IsSpikeTrainLoss => LossKind is "van-rossum" or "gamma";

    /// <summary>Recorded spike times (ms) per protocol of <paramref name="data"/>, read off the voltage.</summary>
    public static List<double[]> SpikesOf(TraceData data)
    {
        var r = new List<double[]>(data.Protocols);
        for (int k = 0; k < data.Protocols; k++) r.Add(RecordedSpikes.Detect(data.Voltages[k], data.Dt).ToArray());
        return r;
    }

    /// <summary>The objective this config describes, on its data or on <paramref name="data"/> (e.g. a screen's subset).</summary>
    public FitObjective CreateObjective(TraceData? data = null)
    {
        data ??= Data;
        List<double[]>? spikes = LossKind == "mse" && SpikeMaskMs == 0 ? null : SpikesOf(data);
        if (LossKind == "van-rossum" || LossKind == "gamma")
            return new SpikeObjective(Model, data.Currents, data.Dt, spikes!, Fit, VanRossumTauMs, Fixed)
            {
                Metric = LossKind == "gamma" ? SpikeLoss.Gamma : SpikeLoss.VanRossum, Delta = GammaDeltaMs, Softness = GammaSoftnessMs,
            };
        List<double[]>? weights = null;
        if (SpikeMaskMs > 0 || SampleEvery > 1)
        {
            weights = new List<double[]>(data.Protocols);
            for (int k = 0; k < data.Protocols; k++)
            {
                var w = new double[data.Samples];
                for (int t = 0; t < w.Length; t += SampleEvery) w[t] = 1;
                if (SpikeMaskMs > 0)
                    foreach (double ts in spikes![k])
                    {
                        int lo = Math.Max(0, (int)Math.Floor((ts - SpikeMaskMs) / data.Dt)), hi = Math.Min(w.Length - 1, (int)Math.Ceiling((ts + SpikeMaskMs) / data.Dt));
                        for (int t = lo; t <= hi; t++) w[t] = 0;
                    }
                weights.Add(w);
            }
        }
        bool withSpikes = LossKind != "mse";
        return new TraceObjective(Model, data, Fit, Fixed, weights, withSpikes ? spikes : null, withSpikes ? SpikeWeight : 0)
        {
            SpikeKernelMs = LossKind == "mse+spike-kernel" ? SpikeKernelMs : 0,
        };
    }

    /// <summary>The data the screen runs on: the chosen protocols and leading samples, or null when it is the full data.</summary>
    public TraceData? ScreenData()
    {
        if (ScreenProtocols == null && ScreenSamples == null) return null;
        var ks = ScreenProtocols ?? Enumerable.Range(0, Data.Protocols).ToArray();
        int n = ScreenSamples ?? Data.Samples;
        return new TraceData(Data.Dt, ks.Select(k => Data.Currents[k][..n]).ToList(), ks.Select(k => Data.Voltages[k][..n]).ToList(),
            $"{Data.Source} (screen: protocols {string.Join(",", ks)}, {n} samples)");
    }

    /// <summary>A fitter for this config; <paramref name="seed"/> overrides the config's seed.</summary>
    public TraceFitter CreateFitter(ulong? seed = null, string? method = null)
    {
        var objective = CreateObjective();
        var screen = ScreenData();
        method ??= Method;
        return new TraceFitter(objective)
        {
            Seed = seed ?? Seed, Screen = Screen, Starts = Starts, MaxIterations = MaxIterations, TargetLoss = TargetLoss,
            InitialValues = InitialValues, InitialSpread = InitialSpread, EstimateConductances = InitialGuess == "conductance-estimate",
            ScreenObjective = screen == null ? null : CreateObjective(screen),
            Method = method switch { "lbfgs" => GradientMethod.Lbfgs, "adam" => GradientMethod.Adam, _ => GradientMethod.LevenbergMarquardt },
        };
    }

    /// <summary>Methods a config may name.</summary>
    public static readonly string[] Methods = ["levenberg-marquardt", "lbfgs", "adam", "differential-evolution", "cma-es"];

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
        InvalidDataException Bad(string key, JsonElement v, string must) => new($"fit config '{path}': '{key}' {must}, got {v.GetRawText()}.");
        // Optional number under `key` of `e`, reported as `name`; `check` says what is allowed.
        double OptNum(JsonElement e, string key, string name, double fallback, Func<double, bool> check, string must)
        {
            if (!e.TryGetProperty(key, out var v)) return fallback;
            if (v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()) || !check(v.GetDouble())) throw Bad(name, v, must);
            return v.GetDouble();
        }
        int OptInt(JsonElement e, string key, string name, int fallback, int min)
        {
            if (!e.TryGetProperty(key, out var v)) return fallback;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i) || i < min) throw Bad(name, v, $"must be an integer >= {min}");
            return i;
        }
        string OptChoice(JsonElement e, string key, string name, string fallback, string[] allowed)
        {
            if (!e.TryGetProperty(key, out var v)) return fallback;
            if (v.ValueKind != JsonValueKind.String || !allowed.Contains(v.GetString())) throw Bad(name, v, $"must be one of {string.Join(", ", allowed)}");
            return v.GetString()!;
        }
        void OnlyKeys(JsonElement e, string[] known, string where)
        {
            foreach (var p in e.EnumerateObject())
                if (!known.Contains(p.Name))
                    throw new InvalidDataException($"fit config '{path}': unknown key '{where}{p.Name}' (known: {string.Join(", ", known)}).");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"fit config '{path}': the file must hold a JSON object.");
        OnlyKeys(root, TopKeys, "");

        TraceModel model;
        try { model = FitModels.Get(Str(root, "model")); }
        catch (ArgumentException e) { throw new InvalidDataException($"fit config '{path}': {e.Message}"); }

        if (!root.TryGetProperty("data", out var data)) throw new InvalidDataException($"fit config '{path}': missing 'data'.");
        if (data.ValueKind != JsonValueKind.Object) throw Bad("data", data, "must be an object");
        OnlyKeys(data, DataKeys, "data.");
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
        void KnownParameter(string name, string key)
        {
            try { model.IndexOf(name); }
            catch (ArgumentException e) { throw new ArgumentException($"fit config '{path}', '{key}': {e.Message}", e); }
        }
        foreach (var p in fitEl.EnumerateObject())
        {
            KnownParameter(p.Name, "fit");
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 2
                || p.Value[0].ValueKind != JsonValueKind.Number || p.Value[1].ValueKind != JsonValueKind.Number)
                throw new InvalidDataException($"fit config '{path}': parameter '{p.Name}' needs bounds [lower, upper] in {Unit(model, p.Name)}, got {p.Value.GetRawText()}.");
            try { fit.Add(new FitParameter(p.Name, p.Value[0].GetDouble(), p.Value[1].GetDouble())); }
            catch (ArgumentException e) { throw new InvalidDataException($"fit config '{path}', 'fit.{p.Name}': {e.Message}"); }
        }
        var fixedValues = new Dictionary<string, double>();
        if (root.TryGetProperty("fixed", out var fx))
            foreach (var p in fx.EnumerateObject())
            {
                KnownParameter(p.Name, "fixed");
                if (p.Value.ValueKind != JsonValueKind.Number || !double.IsFinite(p.Value.GetDouble()))
                    throw Bad($"fixed.{p.Name}", p.Value, $"must be a number in {Unit(model, p.Name)}");
                if (fitEl.TryGetProperty(p.Name, out _))
                    throw new InvalidDataException($"fit config '{path}': '{p.Name}' is both fitted and fixed.");
                fixedValues[p.Name] = p.Value.GetDouble();
            }
        string method = Str(root, "method", "levenberg-marquardt");
        if (!Methods.Contains(method))
            throw new InvalidDataException($"fit config '{path}': method '{method}' is not one of {string.Join(", ", Methods)}.");

        string kind = "mse";
        double spikeWeight = 1, kernel = 5, mask = 0, tau = 10, delta = 2, soft = 0.5;
        int every = 1;
        if (root.TryGetProperty("loss", out var loss))
        {
            if (loss.ValueKind != JsonValueKind.Object) throw Bad("loss", loss, "must be an object, e.g. { \"kind\": \"gamma\" }");
            OnlyKeys(loss, LossKeys, "loss.");
            kind = OptChoice(loss, "kind", "loss.kind", "mse", LossKinds);
            spikeWeight = OptNum(loss, "spike_weight", "loss.spike_weight", 1, x => x > 0, "must be positive (mV^2/ms^2)");
            kernel = OptNum(loss, "spike_kernel_ms", "loss.spike_kernel_ms", 5, x => x > 0, "must be positive (ms)");
            mask = OptNum(loss, "spike_mask_ms", "loss.spike_mask_ms", 0, x => x >= 0, "must be non-negative (ms)");
            every = OptInt(loss, "sample_every", "loss.sample_every", 1, 1);
            tau = OptNum(loss, "tau_ms", "loss.tau_ms", 10, x => x > 0, "must be positive (ms)");
            delta = OptNum(loss, "delta_ms", "loss.delta_ms", 2, x => x > 0, "must be positive (ms)");
            soft = OptNum(loss, "softness_ms", "loss.softness_ms", 0.5, x => x > 0, "must be positive (ms)");
            bool spikeTrain = kind is "van-rossum" or "gamma";
            if (spikeTrain && (mask > 0 || every > 1))
                throw new InvalidDataException($"fit config '{path}': 'loss.spike_mask_ms' and 'loss.sample_every' weight voltage samples; loss kind '{kind}' compares spike trains only.");
        }
        if (kind != "mse" || mask > 0)
        {
            // Spike losses need recorded spikes; say so now rather than fit against nothing.
            bool any = false;
            for (int k = 0; k < traces.Protocols && !any; k++) any = RecordedSpikes.Detect(traces.Voltages[k], dt).Count > 0;
            if (!any)
                throw new InvalidDataException($"fit config '{path}': loss kind '{kind}'{(mask > 0 ? " with spike_mask_ms" : "")} needs spikes, but no protocol of '{traces.Source}' has any (upstrokes above -20 mV or reset drops).");
        }

        string guess = OptChoice(root, "initial_guess", "initial_guess", "none", InitialGuesses);
        double[]? initial = null;
        if (root.TryGetProperty("initial_values", out var iv))
        {
            if (iv.ValueKind != JsonValueKind.Object) throw Bad("initial_values", iv, "must be an object { parameter: value }");
            if (guess != "none") throw new InvalidDataException($"fit config '{path}': give 'initial_values' or 'initial_guess': \"{guess}\", not both.");
            initial = new double[fit.Count];
            foreach (var p in iv.EnumerateObject())
                if (!fit.Any(f => f.Name == p.Name))
                    throw new InvalidDataException($"fit config '{path}': 'initial_values.{p.Name}' names a parameter that is not fitted (fitted: {string.Join(", ", fit.Select(f => f.Name))}).");
            for (int j = 0; j < fit.Count; j++)
            {
                if (!iv.TryGetProperty(fit[j].Name, out var x))
                    throw new InvalidDataException($"fit config '{path}': 'initial_values' lacks the fitted parameter '{fit[j].Name}'.");
                if (x.ValueKind != JsonValueKind.Number || !(x.GetDouble() >= fit[j].Lower && x.GetDouble() <= fit[j].Upper))
                    throw Bad($"initial_values.{fit[j].Name}", x, $"must be a number within its bounds [{fit[j].Lower}, {fit[j].Upper}] {Unit(model, fit[j].Name)}");
                initial[j] = x.GetDouble();
            }
        }
        if (guess == "conductance-estimate")
        {
            if (model is not IConductanceBasedModel cb)
                throw new InvalidDataException($"fit config '{path}': 'initial_guess' \"conductance-estimate\" needs a conductance-based model; '{model.Name}' is not one (use traub-miles).");
            if (kind is "van-rossum" or "gamma")
                throw new InvalidDataException($"fit config '{path}': 'initial_guess' \"conductance-estimate\" needs a voltage loss; loss kind '{kind}' compares spike trains only.");
            var linear = new[] { cb.CapacitanceParameter }.Concat(cb.Channels.Select(c => c.Conductance)).ToArray();
            if (!fit.Any(f => linear.Contains(f.Name)))
                throw new InvalidDataException($"fit config '{path}': 'initial_guess' \"conductance-estimate\" estimates {string.Join(", ", linear)}, and none of them is fitted.");
        }

        int[]? screenProtocols = null;
        if (root.TryGetProperty("screen_protocols", out var sp))
        {
            if (sp.ValueKind != JsonValueKind.Array || sp.GetArrayLength() == 0) throw Bad("screen_protocols", sp, "must be a non-empty array of protocol indices");
            screenProtocols = new int[sp.GetArrayLength()];
            for (int i = 0; i < screenProtocols.Length; i++)
            {
                if (sp[i].ValueKind != JsonValueKind.Number || !sp[i].TryGetInt32(out int k) || k < 0 || k >= traces.Protocols)
                    throw Bad("screen_protocols", sp[i], $"must hold protocol indices 0..{traces.Protocols - 1}");
                screenProtocols[i] = k;
            }
        }
        int? screenSamples = root.TryGetProperty("screen_samples", out _) ? OptInt(root, "screen_samples", "screen_samples", 0, 2) : null;
        if (screenSamples > traces.Samples)
            throw new InvalidDataException($"fit config '{path}': 'screen_samples' is {screenSamples}, but the traces have {traces.Samples} samples.");
        ulong seed = root.TryGetProperty("seed", out var sd)
            ? (sd.ValueKind == JsonValueKind.Number && sd.TryGetUInt64(out ulong u) ? u : throw Bad("seed", sd, "must be a non-negative integer"))
            : 1;
        string? outDir = null;
        if (root.TryGetProperty("out", out var o))
            outDir = o.ValueKind == JsonValueKind.String && o.GetString()!.Length > 0 ? Resolve(o.GetString()!) : throw Bad("out", o, "must be a folder path");
        return new FitConfig
        {
            Path = path, Model = model, Data = traces, Fit = fit, Fixed = fixedValues, Method = method,
            Seed = seed, Screen = OptInt(root, "screen", "screen", 16, 1), Starts = OptInt(root, "starts", "starts", 4, 1),
            Out = outDir,
            LossKind = kind, SpikeWeight = spikeWeight, SpikeKernelMs = kernel, SpikeMaskMs = mask, SampleEvery = every,
            VanRossumTauMs = tau, GammaDeltaMs = delta, GammaSoftnessMs = soft,
            InitialGuess = guess, InitialValues = initial,
            InitialSpread = OptNum(root, "initial_spread", "initial_spread", 0.3, x => x > 0, "must be positive (unconstrained units)"),
            ScreenProtocols = screenProtocols, ScreenSamples = screenSamples,
            MaxIterations = OptInt(root, "max_iterations", "max_iterations", 150, 1),
            TargetLoss = OptNum(root, "target_loss", "target_loss", 0, x => x >= 0, "must be non-negative (0 runs to convergence)"),
            Population = OptInt(root, "population", "population", 0, 4),
            MaxGenerations = OptInt(root, "max_generations", "max_generations", 200, 1),
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
