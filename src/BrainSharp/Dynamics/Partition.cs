namespace BrainSharp.Dynamics;

/// <summary>
/// How the units of one group are split among the worker threads: worker w owns [Start(w), End(w)).
/// Boundaries are multiples of <see cref="Alignment"/> so that every unit goes through the same SIMD lane
/// pattern whatever the thread count, which keeps results bit-identical across thread counts.
/// </summary>
public sealed class Partition
{
    /// <summary>Chunk boundaries are multiples of this many units (a 512-bit vector of float).</summary>
    public const int Alignment = 16;

    private readonly int[] _starts;

    private Partition(int[] starts) { _starts = starts; }

    /// <summary>Splits <paramref name="size"/> units into <paramref name="workers"/> aligned, nearly equal chunks.</summary>
    public static Partition Split(int size, int workers)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "Partition: workers must be at least 1.");
        var starts = new int[workers + 1];
        for (int w = 1; w < workers; w++)
        {
            long s = (long)size * w / workers;
            starts[w] = Math.Min(size, (int)(s / Alignment * Alignment));
        }
        starts[workers] = size;
        for (int w = 1; w <= workers; w++) starts[w] = Math.Max(starts[w], starts[w - 1]);
        return new Partition(starts);
    }

    /// <summary>All units on worker 0 (for systems that cannot update a sub-range).</summary>
    public static Partition Single(int size, int workers)
    {
        var starts = new int[workers + 1];
        for (int w = 1; w <= workers; w++) starts[w] = size;
        return new Partition(starts);
    }

    /// <summary>Number of workers.</summary>
    public int Workers => _starts.Length - 1;

    /// <summary>First unit of worker <paramref name="worker"/>.</summary>
    public int Start(int worker) => _starts[worker];

    /// <summary>One past the last unit of worker <paramref name="worker"/>.</summary>
    public int End(int worker) => _starts[worker + 1];

    /// <summary>Total number of units.</summary>
    public int Size => _starts[^1];
}
