using System.CommandLine;
using BrainSharp.Cli.Commands;

namespace BrainSharp.Cli;

/// <summary>
/// The <c>brainsharp</c> command-line tool. Exit codes: 0 success, 2 bad arguments (the message names the argument
/// and what is allowed), 1 runtime failure (one line; the stack trace only with <c>--verbose</c>).
/// </summary>
public static class Program
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for a runtime failure.</summary>
    public const int RuntimeFailure = 1;

    /// <summary>Exit code for bad arguments.</summary>
    public const int BadArguments = 2;

    /// <summary>Global flag: print stack traces of failures.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "print the full stack trace of a failure",
        Recursive = true,
    };

    /// <summary>
    /// The commands, in help order. To add a command, write a class in Commands/ with a static <c>Create()</c>
    /// returning a <see cref="Command"/> and list it here (e.g. <c>TrainCommand.Create()</c>, <c>FitCommand.Create()</c>).
    /// Inside its action, use <see cref="CliContext.From"/> for the output writers and <see cref="UsageException"/>
    /// for bad arguments found after parsing.
    /// </summary>
    static IEnumerable<Command> Commands() =>
    [
        SimulateCommand.Create(),
        ModelsCommand.Create(),
        PlotCommand.Create(),
        ResumeCommand.Create(),
        TrainCommand.Create(),
        FitCommand.Create(),
        SynthesizeCommand.Create(),
    ];

    /// <summary>Entry point of the executable.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool in-process with the given writers and returns the exit code (used by the tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = BuildRoot();
        var parse = root.Parse(args);
        bool verbose = args.Contains("--verbose") || args.Contains("-v");
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"brainsharp: error: {e.Message}");
            string cmd = parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
            error.WriteLine($"Run 'brainsharp {cmd}--help' for usage.");
            return BadArguments;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"brainsharp: error: {e.Message}");
            if (verbose) error.WriteLine(e);
            return BadArguments;
        }
        catch (Exception e)
        {
            error.WriteLine($"brainsharp: failed: {OneLine(e)}");
            if (verbose) error.WriteLine(e);
            else error.WriteLine("(run with --verbose for the stack trace)");
            return RuntimeFailure;
        }
    }

    /// <summary>The root command with every registered subcommand.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("BrainSharp: simulate spiking networks, save spikes (HDF5) and figures, resume checkpoints.");
        root.Options.Add(Verbose);
        foreach (var c in Commands()) root.Subcommands.Add(c);
        return root;
    }

    static string OneLine(Exception e)
    {
        // Unwrap the reflection/aggregate shells so the message says what actually went wrong.
        while (e is AggregateException { InnerException: not null } or System.Reflection.TargetInvocationException { InnerException: not null })
            e = e.InnerException!;
        return e.Message.ReplaceLineEndings(" ");
    }
}
