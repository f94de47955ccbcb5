namespace BrainSharp.Connectivity;

/// <summary>
/// A connector whose row for one pre neuron is a pure function of (seed, pre): a projection can regenerate
/// it on every spike instead of storing it, so networks can exceed memory.
/// </summary>
public interface IProceduralConnector
{
    /// <summary>Upper bound on the length of any row (for buffer sizing).</summary>
    int MaxRowLength(int nPre, int nPost);

    /// <summary>Writes the post indices of row <paramref name="pre"/> in ascending order into <paramref name="targets"/>; returns how many. Must equal row <paramref name="pre"/> of <see cref="Connector.Build"/> with the same seed.</summary>
    int Row(int pre, int nPre, int nPost, ulong seed, bool samePopulation, Span<int> targets);
}
