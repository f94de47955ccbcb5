using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace BrainSharp.IO;

/// <summary>
/// NumPy .npy files, format version 1.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
/// magic "\x93NUMPY", bytes 1 and 0, a little-endian uint16 header length, then an ASCII Python dict
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (T, N), }</c> padded with spaces and ended by
/// '\n' so that the data starts at a multiple of 64 bytes, then the little-endian data in C order.
/// </summary>
public static class NpyFile
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes float32 data ('&lt;f4') of the given shape atomically.</summary>
    public static void Write(string path, float[] data, params long[] shape) => WriteCore(path, "<f4", data, 4, shape);

    /// <summary>Writes float64 data ('&lt;f8') of the given shape atomically.</summary>
    public static void Write(string path, double[] data, params long[] shape) => WriteCore(path, "<f8", data, 8, shape);

    /// <summary>Writes int32 data ('&lt;i4') of the given shape atomically.</summary>
    public static void Write(string path, int[] data, params long[] shape) => WriteCore(path, "<i4", data, 4, shape);

    /// <summary>Writes a trace as .npy float32 [time, neuron] ("&lt;f4").</summary>
    public static void WriteTrace(string path, StateTrace trace)
        => Write(path, trace.Values, trace.Samples, trace.Neurons.Length);

    /// <summary>Writes one population's spikes as two .npy files: &lt;stem&gt;_indices.npy ("&lt;i4") and &lt;stem&gt;_times.npy ("&lt;f8", ms).</summary>
    public static void WriteSpikes(string pathStem, SpikeTrain train)
    {
        Write(pathStem + "_indices.npy", train.Indices, train.Count);
        Write(pathStem + "_times.npy", train.Times, train.Count);
    }

    /// <summary>The complete header (magic through the terminating '\n') for a dtype and shape.</summary>
    public static byte[] Header(string descr, long[] shape)
    {
        string shapeText = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")"
        };
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int total = (unpadded + 63) / 64 * 64;
        int headerLen = total - Magic.Length - 4;
        if (headerLen > ushort.MaxValue) throw new ArgumentException($"NpyFile: header for shape {shapeText} is too long for format 1.0.", nameof(shape));
        var bytes = new byte[total];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1; bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLen);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(10));
        for (int k = 10 + dict.Length; k < total - 1; k++) bytes[k] = (byte)' ';
        bytes[total - 1] = (byte)'\n';
        return bytes;
    }

    static void WriteCore(string path, string descr, Array data, int itemSize, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (shape.Length == 0) shape = [data.Length];
        long n = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentOutOfRangeException(nameof(shape), s, "NpyFile: shape entries must be non-negative.");
            n *= s;
        }
        if (n != data.Length) throw new ArgumentException($"NpyFile: shape ({string.Join(", ", shape)}) holds {n} elements but data has {data.Length}.", nameof(shape));
        var header = Header(descr, shape);
        AtomicFile.WriteStream(path, s =>
        {
            s.Write(header);
            var buf = new byte[data.Length * itemSize];
            // Explicit little-endian writes: the file format is fixed regardless of the host.
            switch (data)
            {
                case float[] f: for (int i = 0; i < f.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4 * i), f[i]); break;
                case double[] d: for (int i = 0; i < d.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(buf.AsSpan(8 * i), d[i]); break;
                case int[] a: for (int i = 0; i < a.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(4 * i), a[i]); break;
            }
            s.Write(buf);
        });
    }

    /// <summary>Reads a version 1.0 or 2.0 .npy file of dtype &lt;f4, &lt;f8, &lt;i4 or &lt;i8 in C order.</summary>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a whole .npy file; <paramref name="path"/> names it in messages (e.g. "file.npz:values.npy").</summary>
    internal static NpyArray Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new DataFileException(path, "not a .npy file (magic \\x93NUMPY missing).");
        int major = bytes[6];
        int headerLen, start;
        if (major == 1) { headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); start = 10; }
        else if (major is 2 or 3 && bytes.Length >= 12) { headerLen = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)); start = 12; }
        else throw new DataFileException(path, $".npy format version {major}.{bytes[7]} is not supported.");
        if (start + headerLen > bytes.Length) throw new DataFileException(path, "header is truncated.");
        string header = Encoding.ASCII.GetString(bytes, start, headerLen).Trim();
        string descr = DictValue(path, header, "descr").Trim('\'', '"');
        string fortran = DictValue(path, header, "fortran_order");
        if (fortran != "False") throw new DataFileException(path, $"fortran_order {fortran} is not supported (only C order).");
        string shapeText = DictValue(path, header, "shape");
        long[] shape = shapeText.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new DataFileException(path, $"shape entry '{s}' is not a non-negative integer."))
            .ToArray();
        long n = 1; foreach (var s in shape) n *= s;
        int item = descr switch { "<f4" or "<i4" => 4, "<f8" or "<i8" => 8, _ => throw new DataFileException(path, $"dtype '{descr}' is not supported (use <f4, <f8, <i4 or <i8).") };
        int dataStart = start + headerLen;
        if (bytes.Length - dataStart != n * item)
            throw new DataFileException(path, $"data has {bytes.Length - dataStart} bytes, shape ({string.Join(", ", shape)}) of {descr} needs {n * item}.");
        var span = bytes.AsSpan(dataStart);
        Array data;
        switch (descr)
        {
            case "<f4": { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(4 * i)..]); data = a; break; }
            case "<f8": { var a = new double[n]; for (int i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadDoubleLittleEndian(span[(8 * i)..]); data = a; break; }
            case "<i8": { var a = new long[n]; for (int i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadInt64LittleEndian(span[(8 * i)..]); data = a; break; }
            default: { var a = new int[n]; for (int i = 0; i < n; i++) a[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(4 * i)..]); data = a; break; }
        }
        return new NpyArray(descr, shape, data);
    }

    // Minimal parser for the fixed dict that numpy writes: finds 'key': value up to the next top-level comma.
    static string DictValue(string path, string header, string key)
    {
        int k = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (k < 0) throw new DataFileException(path, $"header lacks '{key}': {header}");
        int colon = header.IndexOf(':', k);
        if (colon < 0) throw new DataFileException(path, $"header entry '{key}' has no value: {header}");
        int depth = 0, i = colon + 1;
        for (; i < header.Length; i++)
        {
            char c = header[i];
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if ((c == ',' && depth == 0) || (c == '}' && depth == 0)) break;
        }
        return header[(colon + 1)..i].Trim();
    }
}
