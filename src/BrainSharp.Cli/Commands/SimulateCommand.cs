using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BrainSharp.Cli.Running;
using BrainSharp.Connectivity;
using BrainSharp.Networks;

namespace BrainSharp.Cli.Commands;

/// <summary>
/// <c>brainsharp simulate &lt;model&gt;</c>: runs a reference network and writes summary.json, spikes.h5 and raster.png
/// (and checkpoint.h5 with --checkpoint-every) into --out.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Allowed values of --connectivity.</summary>
    public static readonly string[] ConnectivityNames = ["csr", "procedural", "dense"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = $"reference network: {string.Join(", ", ReferenceNetworks.Names)} (see 'brainsharp models')" };
        model.Validators.Add(r =>
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (v is not null && !ReferenceNetworks.Names.Contains(v, StringComparer.OrdinalIgnoreCase))
                r.AddError($"unknown model '{v}' (allowed: {string.Join(", ", ReferenceNetworks.Names)}).");
        });
        var duration = new Option<double?>("--duration", "-d") { Description = "simulated time, ms (default: the model's, 1000 for most)" };
        Positive(duration, "ms");
        var dt = new Option<double?>("--dt") { Description = "time step, ms (default: the model's, 0.1)" };
        Positive(dt, "ms");
        var seed = new Option<ulong>("--seed") { Description = "seed of connectivity, initial state and noise", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "worker threads (results are identical for any count)", DefaultValueFactory = _ => 1 };
        AtLeast(threads, 1);
        var neurons = new Option<int?>("--neurons", "-n") { Description = "total neurons (default: the model's, 4000)" };
        AtLeast(neurons, 2);
        var connectivity = new Option<string>("--connectivity") { Description = "connection storage: csr (stored), procedural (regenerated from the seed) or dense", DefaultValueFactory = _ => "csr" };
        connectivity.Validators.Add(r =>
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;
            if (v is not null && !ConnectivityNames.Contains(v, StringComparer.OrdinalIgnoreCase))
                r.AddError($"--connectivity: '{v}' is not allowed (allowed: {string.Join(", ", ConnectivityNames)}).");
        });
        var set = new Option<string[]>("--set") { Description = "override a model parameter, name=value (repeatable; see 'brainsharp models')", Arity = ArgumentArity.OneOrMore };
        set.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
                if (t.Value.IndexOf('=') <= 0)
                    r.AddError($"--set: '{t.Value}' is not of the form name=value.");
        });
        var @out = new Option<string?>("--out", "-o") { Description = "output folder (default: runs/<model>)" };
        var checkpoint = new Option<double>("--checkpoint-every") { Description = "write <out>/checkpoint.h5 every this many ms (0: never)", DefaultValueFactory = _ => 0 };
        checkpoint.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && double.TryParse(r.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !(v >= 0 && double.IsFinite(v)))
                r.AddError($"--checkpoint-every must be a non-negative number of ms, got {r.Tokens[^1].Value}.");
        });

        var cmd = new Command("simulate", "Run a reference network; writes summary.json, spikes.h5 and raster.png into --out.")
        {
            model, duration, dt, seed, threads, neurons, connectivity, set, @out, checkpoint,
        };
        cmd.SetAction(parse =>
        {
            var ctx = CliContext.From(parse);
            string name = parse.GetValue(model)!.ToLowerInvariant();
            var defaults = ReferenceNetworks.Create(name);
            var spec = new RunSpec
            {
                Model = name,
                Neurons = parse.GetValue(neurons) ?? defaults.DefaultNeurons,
                DurationMs = parse.GetValue(duration) ?? defaults.DefaultDurationMs,
                DtMs = parse.GetValue(dt) ?? defaults.DefaultDt,
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                Storage = Enum.Parse<ConnectivityStorage>(parse.GetValue(connectivity)!, ignoreCase: true),
                Overrides = ParseSets(parse.GetValue(set) ?? []),
                OutDir = parse.GetValue(@out) ?? Path.Combine("runs", name),
                CheckpointEveryMs = parse.GetValue(checkpoint),
            };
            SimulationSession.Execute(spec, ctx);
            return Program.Success;
        });
        return cmd;
    }

    static IReadOnlyList<KeyValuePair<string, string>> ParseSets(string[] sets)
        => sets.Select(s => { int eq = s.IndexOf('='); return new KeyValuePair<string, string>(s[..eq].Trim(), s[(eq + 1)..].Trim()); }).ToArray();

    static void Positive<T>(Option<T> o, string unit) => o.Validators.Add(r =>
    {
        if (r.Tokens.Count == 0) return;
        string text = r.Tokens[^1].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !(v > 0 && double.IsFinite(v)))
            r.AddError($"{o.Name} must be a positive number of {unit}, got {text}.");
    });

    static void AtLeast<T>(Option<T> o, int min) => o.Validators.Add(r =>
    {
        if (r.Tokens.Count == 0) return;
        string text = r.Tokens[^1].Value;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v < min)
            r.AddError($"{o.Name} must be at least {min}, got {text}.");
    });
}
