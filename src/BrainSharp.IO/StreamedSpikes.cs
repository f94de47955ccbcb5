namespace BrainSharp.IO;

/// <summary>Spikes read back from a streamed monitor file: group <paramref name="Size"/> (neurons), time step <paramref name="DtMs"/> (ms), neuron index and step index of each spike.</summary>
public sealed record StreamedSpikes(int Size, double DtMs, int[] Indices, long[] Steps)
{
    /// <summary>Spike times, ms (step x dt; a new array).</summary>
    public double[] Times() => Array.ConvertAll(Steps, s => s * DtMs);
}
