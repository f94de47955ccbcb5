namespace BrainSharp.IO;

/// <summary>A data file is missing, unreadable or lacks something it must contain. The message names the file and what is wrong.</summary>
public sealed class DataFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with a description of the problem.</summary>
    public DataFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
