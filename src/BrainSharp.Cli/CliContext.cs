using System.CommandLine;
using Spectre.Console;

namespace BrainSharp.Cli;

/// <summary>What a command's action needs from its invocation: the output writers and a Spectre console on them.</summary>
public sealed class CliContext
{
    private CliContext(TextWriter output, TextWriter error, bool verbose)
    {
        Output = output; Error = error; Verbose = verbose;
        // A terminal gets colours and a live progress bar; anything else (pipes, files, tests) plain lines.
        IsTerminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!IsTerminal) Console.Profile.Width = 160;
    }

    /// <summary>Standard output of the invocation.</summary>
    public TextWriter Output { get; }

    /// <summary>Error output of the invocation.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether --verbose was given.</summary>
    public bool Verbose { get; }

    /// <summary>Whether output goes to an interactive terminal (live progress bar) rather than a pipe or file.</summary>
    public bool IsTerminal { get; }

    /// <summary>Spectre console writing to <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The context of the invocation that produced <paramref name="parse"/>.</summary>
    public static CliContext From(ParseResult parse)
    {
        var cfg = parse.InvocationConfiguration;
        return new CliContext(cfg.Output, cfg.Error, parse.GetValue(Program.Verbose));
    }
}
