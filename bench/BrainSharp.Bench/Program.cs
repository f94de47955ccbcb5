using BenchmarkDotNet.Running;

namespace BrainSharp.Bench;

/// <summary>Entry point: `dotnet run -c Release --project bench/BrainSharp.Bench -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
