namespace BrainSharp.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("brainsharp: commands are being built; see README.md.");
        return 2;
    }
}
