using System.CommandLine;
using System.Globalization;
using BrainSharp.Networks;
using Spectre.Console;

namespace BrainSharp.Cli.Commands;

/// <summary><c>brainsharp models</c>: lists the reference networks with a one-line description and their parameters (unit, default, range).</summary>
public static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("models", "List the reference networks and their parameters (units, defaults) for 'simulate --set'.");
        cmd.SetAction(parse =>
        {
            var ctx = CliContext.From(parse);
            var inv = CultureInfo.InvariantCulture;
            // By registry name: one network class may be registered under several names with different presets
            // (e.g. brunel and brunel-sr), so the defaults shown are the preset's current values.
            foreach (var name in ReferenceNetworks.Names)
            {
                var m = ReferenceNetworks.Create(name);
                ctx.Console.Write(new Rule($"[bold]{Markup.Escape(name)}[/]").LeftJustified());
                // Plain writes: descriptions are single lines and must not be wrapped at the console width.
                ctx.Output.WriteLine(m.Description);
                ctx.Output.WriteLine(FormattableString.Invariant($"defaults: {m.DefaultNeurons} neurons, dt {m.DefaultDt} ms, {m.DefaultDurationMs} ms") +
                                      (m.ReferenceRate.Length > 0 ? $"; {m.ReferenceRate}" : ""));
                var t = new Table().Border(ctx.IsTerminal ? TableBorder.Rounded : TableBorder.Ascii);
                t.AddColumn("parameter"); t.AddColumn("unit"); t.AddColumn(new TableColumn("default").RightAligned()); t.AddColumn("allowed"); t.AddColumn("description");
                foreach (var p in m.Parameters)
                {
                    string range = (double.IsNegativeInfinity(p.Min), double.IsPositiveInfinity(p.Max)) switch
                    {
                        (true, true) => "any",
                        (false, true) => $">= {p.Min.ToString("G6", inv)}",
                        (true, false) => $"<= {p.Max.ToString("G6", inv)}",
                        _ => $"[{p.Min.ToString("G6", inv)}, {p.Max.ToString("G6", inv)}]",
                    };
                    t.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Unit), m.Get(p.Name).ToString("G6", inv), Markup.Escape(range), Markup.Escape(p.Description));
                }
                ctx.Console.Write(t);
                ctx.Console.WriteLine();
            }
            ctx.Output.Flush();
            return Program.Success;
        });
        return cmd;
    }
}
