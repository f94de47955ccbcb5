using System.CommandLine;
using BrainSharp.Cli.Running;
using BrainSharp.IO;

namespace BrainSharp.Cli.Commands;

/// <summary>
/// <c>brainsharp resume &lt;checkpoint.h5&gt;</c>: rebuilds the network described in the checkpoint, restores its state and
/// continues to the original duration; the spikes equal those of an uninterrupted run.
/// </summary>
public static class ResumeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("checkpoint") { Description = "checkpoint.h5 written by 'simulate --checkpoint-every'" };
        var @out = new Option<string?>("--out", "-o") { Description = "output folder (default: the checkpoint's folder)" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (default: as in the checkpoint; results do not depend on it)" };
        var cmd = new Command("resume", "Continue a run from a checkpoint to its original duration.") { file, @out, threads };
        cmd.SetAction(parse =>
        {
            var ctx = CliContext.From(parse);
            string path = parse.GetValue(file)!;
            var snap = SnapshotFile.Read(path);
            string dir = parse.GetValue(@out) ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
            var spec = RunSpec.FromAttributes(snap.Attributes, path, dir);
            if (parse.GetValue(threads) is int t)
            {
                if (t < 1) throw new UsageException($"--threads must be at least 1, got {t}.");
                spec = spec with { Threads = t };
            }
            if (Math.Abs(snap.DtMs - spec.DtMs) > 0)
                throw new DataFileException(path, $"snapshot dt {snap.DtMs} ms differs from the run's dt {spec.DtMs} ms.");
            try { SimulationSession.Execute(spec, ctx, snap); }
            catch (UsageException e) { throw new DataFileException(path, e.Message, e); }
            return Program.Success;
        });
        return cmd;
    }
}
