using BrainSharp.Dynamics;

namespace BrainSharp.IO;

/// <summary>
/// Converts the simulator's <see cref="StateSnapshot"/> (an ordered list of float/int arrays and 64-bit words,
/// restored in the same order) to and from a <see cref="NetworkSnapshot"/> that <see cref="SnapshotFile"/> stores
/// in HDF5. The entries go to "entries/000000", "entries/000001", ... (zero-padded so the ordinal order is the
/// restore order); words are stored as one-element uint64 arrays. Conversion is exact (bit for bit).
/// </summary>
public static class StateSnapshotConverter
{
    /// <summary>Prefix of the ordered entry arrays in <see cref="NetworkSnapshot.Arrays"/>.</summary>
    public const string EntryPrefix = "entries/";

    /// <summary>Copies every entry of <paramref name="state"/> into a new <see cref="NetworkSnapshot"/>.</summary>
    public static NetworkSnapshot ToNetworkSnapshot(StateSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var snap = new NetworkSnapshot(state.Step, state.Dt);
        // StateSnapshot exposes its entries only through its documented binary form; decode that.
        using var ms = new MemoryStream();
        state.WriteTo(ms);
        ms.Position = 0;
        using var r = new BinaryReader(ms);
        r.ReadUInt32(); r.ReadInt64(); r.ReadDouble();
        int n = r.ReadInt32();
        for (int k = 0; k < n; k++)
        {
            byte tag = r.ReadByte();
            Array a = tag switch
            {
                1 => ReadFloats(r),
                2 => ReadInts(r),
                3 => new[] { r.ReadUInt64() },
                _ => throw new InvalidDataException($"StateSnapshotConverter: unknown entry tag {tag} at entry {k}.")
            };
            snap.Arrays[EntryKey(k)] = a;
        }
        return snap;
    }

    /// <summary>Rebuilds the <see cref="StateSnapshot"/> from the ordered entries of <paramref name="snap"/>.</summary>
    public static StateSnapshot ToStateSnapshot(NetworkSnapshot snap)
    {
        ArgumentNullException.ThrowIfNull(snap);
        var state = new StateSnapshot { Step = snap.Step, Dt = snap.DtMs };
        for (int k = 0; ; k++)
        {
            if (!snap.Arrays.TryGetValue(EntryKey(k), out var a)) break;
            switch (a)
            {
                case float[] f: state.Put(f); break;
                case int[] i: state.Put(i); break;
                case ulong[] { Length: 1 } u: state.Put(u[0]); break;
                default: throw new InvalidDataException($"StateSnapshotConverter: entry '{EntryKey(k)}' is {a.GetType().Name} of length {a.Length}; expected float[], int[] or one uint64.");
            }
        }
        return state;
    }

    /// <summary>Key of entry <paramref name="k"/>.</summary>
    public static string EntryKey(int k) => EntryPrefix + k.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    static float[] ReadFloats(BinaryReader r) { var f = new float[r.ReadInt32()]; for (int i = 0; i < f.Length; i++) f[i] = r.ReadSingle(); return f; }
    static int[] ReadInts(BinaryReader r) { var a = new int[r.ReadInt32()]; for (int i = 0; i < a.Length; i++) a[i] = r.ReadInt32(); return a; }
}
