namespace BrainSharp.IO;

/// <summary>
/// Everything needed to continue a run exactly: the clock (step, dt), every state array and every
/// RNG position, keyed by slash-separated paths (e.g. "E/v", "rng/poisson/position"), plus string
/// attributes describing how to rebuild the network (model name, parameter overrides, seed...).
/// Arrays may be float, double, int, long, ulong or byte.
/// </summary>
public sealed class NetworkSnapshot
{
    /// <summary>Creates a snapshot taken after <paramref name="step"/> steps of <paramref name="dtMs"/> ms.</summary>
    public NetworkSnapshot(long step, double dtMs)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "NetworkSnapshot: step must be non-negative.");
        if (!(dtMs > 0) || !double.IsFinite(dtMs))
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "NetworkSnapshot: dt (ms) must be positive and finite.");
        Step = step; DtMs = dtMs;
    }

    /// <summary>Clock step at which the snapshot was taken (the next update is step+1).</summary>
    public long Step { get; }

    /// <summary>Time step, ms.</summary>
    public double DtMs { get; }

    /// <summary>Simulated time at the snapshot, ms.</summary>
    public double TimeMs => Step * DtMs;

    /// <summary>State and RNG arrays by path. Ordinal-sorted so files are written in a stable order.</summary>
    public SortedDictionary<string, Array> Arrays { get; } = new(StringComparer.Ordinal);

    /// <summary>String attributes (model, seed, overrides...).</summary>
    public SortedDictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Returns the array at <paramref name="path"/> as <typeparamref name="T"/>[]; throws naming the path if absent or of another type.</summary>
    public T[] Get<T>(string path)
    {
        if (!Arrays.TryGetValue(path, out var a))
            throw new KeyNotFoundException($"NetworkSnapshot: no array '{path}' (has {Arrays.Count}: {string.Join(", ", Arrays.Keys.Take(20))}).");
        return a as T[] ?? throw new InvalidCastException($"NetworkSnapshot: array '{path}' is {a.GetType().GetElementType()!.Name}[], not {typeof(T).Name}[].");
    }
}
