using BenchmarkDotNet.Running;

namespace BrainSharp.Bench;

/// <summary>Entry point: `dotnet run -c Release --project bench/BrainSharp.Bench -- --filter '*'`; `-- probe` for a quick Stopwatch check.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            Probe.Run();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
