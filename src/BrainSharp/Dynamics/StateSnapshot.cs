namespace BrainSharp.Dynamics;

/// <summary>
/// A complete copy of a network's dynamic state: clock step, every state variable, delay buffers, plastic weights,
/// random-stream positions. Entries are written and read back in a fixed order (the network's component order),
/// each checked for kind and length, so restoring into a network of a different shape fails loudly.
/// <see cref="WriteTo"/> / <see cref="ReadFrom"/> give a binary checkpoint file.
/// </summary>
public sealed class StateSnapshot
{
    private const uint Magic = 0x53534E42; // "BNSS"
    private readonly List<object> _entries = new();
    private int _cursor;

    /// <summary>Clock step at which the snapshot was taken.</summary>
    public long Step { get; set; }

    /// <summary>Time step, ms, of the run that produced the snapshot.</summary>
    public double Dt { get; set; }

    /// <summary>Number of stored entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Appends a copy of <paramref name="values"/>.</summary>
    public void Put(ReadOnlySpan<float> values) => _entries.Add(values.ToArray());

    /// <summary>Appends a copy of <paramref name="values"/>.</summary>
    public void Put(ReadOnlySpan<int> values) => _entries.Add(values.ToArray());

    /// <summary>Appends one 64-bit word (a stream position, a counter).</summary>
    public void Put(ulong word) => _entries.Add(new[] { word });

    /// <summary>Rewinds the read cursor to the first entry.</summary>
    public void BeginRead() => _cursor = 0;

    /// <summary>Reads the next entry into <paramref name="destination"/>; throws if it is not a float array of the same length.</summary>
    public void Take(Span<float> destination, string owner)
    {
        var e = Next(owner) as float[] ?? throw Mismatch(owner, "float array");
        if (e.Length != destination.Length)
            throw new InvalidOperationException($"StateSnapshot: {owner} expects {destination.Length} floats, snapshot entry {_cursor - 1} has {e.Length}.");
        e.CopyTo(destination);
    }

    /// <summary>Reads the next entry into <paramref name="destination"/>; throws if it is not an int array of the same length.</summary>
    public void Take(Span<int> destination, string owner)
    {
        var e = Next(owner) as int[] ?? throw Mismatch(owner, "int array");
        if (e.Length != destination.Length)
            throw new InvalidOperationException($"StateSnapshot: {owner} expects {destination.Length} ints, snapshot entry {_cursor - 1} has {e.Length}.");
        e.CopyTo(destination);
    }

    /// <summary>Reads the next entry as one 64-bit word.</summary>
    public ulong TakeWord(string owner)
    {
        var e = Next(owner) as ulong[] ?? throw Mismatch(owner, "64-bit word");
        return e[0];
    }

    /// <summary>Throws unless every entry has been read (a shape mismatch would otherwise go unnoticed).</summary>
    public void EndRead()
    {
        if (_cursor != _entries.Count)
            throw new InvalidOperationException($"StateSnapshot: {_entries.Count - _cursor} entries left unread; the network does not match the one that was saved.");
    }

    private object Next(string owner)
    {
        if (_cursor >= _entries.Count)
            throw new InvalidOperationException($"StateSnapshot: {owner} reads past the end ({_entries.Count} entries); the network does not match the one that was saved.");
        return _entries[_cursor++];
    }

    private InvalidOperationException Mismatch(string owner, string expected)
        => new($"StateSnapshot: {owner} expects a {expected} at entry {_cursor - 1}; the network does not match the one that was saved.");

    /// <summary>Writes the snapshot as a little-endian binary checkpoint.</summary>
    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic); w.Write(Step); w.Write(Dt); w.Write(_entries.Count);
        foreach (var e in _entries)
        {
            switch (e)
            {
                case float[] f: w.Write((byte)1); w.Write(f.Length); foreach (var x in f) w.Write(x); break;
                case int[] i: w.Write((byte)2); w.Write(i.Length); foreach (var x in i) w.Write(x); break;
                case ulong[] u: w.Write((byte)3); w.Write(u[0]); break;
            }
        }
    }

    /// <summary>Reads a checkpoint written by <see cref="WriteTo"/>.</summary>
    public static StateSnapshot ReadFrom(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("StateSnapshot: not a BrainSharp checkpoint (bad magic number).");
        var s = new StateSnapshot { Step = r.ReadInt64(), Dt = r.ReadDouble() };
        int n = r.ReadInt32();
        for (int k = 0; k < n; k++)
        {
            byte tag = r.ReadByte();
            switch (tag)
            {
                case 1: { var f = new float[r.ReadInt32()]; for (int i = 0; i < f.Length; i++) f[i] = r.ReadSingle(); s._entries.Add(f); break; }
                case 2: { var a = new int[r.ReadInt32()]; for (int i = 0; i < a.Length; i++) a[i] = r.ReadInt32(); s._entries.Add(a); break; }
                case 3: s._entries.Add(new[] { r.ReadUInt64() }); break;
                default: throw new InvalidDataException($"StateSnapshot: unknown entry tag {tag} at entry {k}.");
            }
        }
        return s;
    }
}
